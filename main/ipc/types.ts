import type { MethodName, MethodOutput, MethodParsedInput } from '../../preload/contract';
import type { Session } from '../context';

export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, session: Session) => Promise<MethodOutput<M>> | MethodOutput<M>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** The handlers of one namespace, e.g. NamespaceHandlers<'app'> for 'app.info', 'app.channelStatus'. */
export type NamespaceHandlers<N extends string> = Pick<Handlers, Extract<MethodName, `${N}.${string}`>>;
