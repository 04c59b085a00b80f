// Handlers of the contacts namespace.
import { searchMessages } from '../../db/repositories/messageSearch';
import type { EngineContext } from '../context';
import { contactTimelinePage, getContactDetail, mergeContacts, searchContacts, updateContactDetails } from '../services/contacts';
import { actorOf } from './config';
import type { NamespaceHandlers } from './types';

export function contactsHandlers(ctx: EngineContext): NamespaceHandlers<'contacts'> {
  return {
    'contacts.search': ({ query, limit }) => searchContacts(ctx, query, limit),
    'contacts.get': ({ id }) => getContactDetail(ctx, id),
    'contacts.timeline': ({ contactId, before, limit }) => contactTimelinePage(ctx, contactId, before, limit),
    'contacts.update': ({ id, ...edit }, s) => updateContactDetails(ctx, id, edit, actorOf(s)),
    'contacts.merge': ({ keepId, mergeId }, s) => mergeContacts(ctx, keepId, mergeId, actorOf(s)),
    'contacts.searchMessages': ({ query, contactId, limit }) => searchMessages(ctx.db, query, { limit, contactId }),
  };
}
