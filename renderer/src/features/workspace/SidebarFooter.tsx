// The bottom of the sidebar: who works in this window and their status, and the shortcut list.
import { Icon } from '../../components/Icon';
import { useWorkspace } from './session';
import { useHelpToggle } from './shortcuts';
import { StatusControl } from './StatusControl';

export function SidebarFooter() {
  const { agent } = useWorkspace();
  const help = useHelpToggle();
  return (
    <div className="sidebar-footer">
      {agent ? (
        <StatusControl />
      ) : (
        <a className="sidebar-footer__signin" href="#/inbox">
          <Icon name="user" size={16} /> Not signed in
        </a>
      )}
      <button type="button" className="sidebar-footer__help" onClick={help} aria-label="Keyboard shortcuts">
        <Icon name="help" size={15} />
        <span>Shortcuts</span>
        <kbd>?</kbd>
      </button>
    </div>
  );
}
