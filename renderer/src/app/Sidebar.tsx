import type { ReactNode } from 'react';
import { Icon } from '../components/Icon';
import { mainNav, type NavItem } from './nav';

export function Sidebar({ active, extra, footer }: { active: string; extra: NavItem[]; footer?: ReactNode }) {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar__brand">
        <img src="./favicon.svg" alt="" width={28} height={28} />
        <span>Parley</span>
      </div>
      <ul className="sidebar__list">
        {[...mainNav, ...extra].map((item) => (
          <li key={item.id}>
            <a
              href={`#/${item.id}`}
              className={`sidebar__link${active === item.id ? ' is-active' : ''}`}
              aria-current={active === item.id ? 'page' : undefined}
            >
              <Icon name={item.icon} />
              <span>{item.label}</span>
            </a>
          </li>
        ))}
      </ul>
      {footer ? <div className="sidebar__footer">{footer}</div> : null}
    </nav>
  );
}
