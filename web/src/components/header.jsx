// The bar at the top: the product, the pages, the live stream's status and the signed-in tenant.

import { useLiveStatus } from '../lib/live.js';
import { Icon } from './icons.jsx';

const LIVE_LABELS = { live: 'Live', connecting: 'Connecting', offline: 'Offline', off: '' };

function LiveBadge() {
  const status = useLiveStatus();
  if (status === 'off') return null;
  return (
    <span class={`live-badge live-${status}`} title="Live updates over MQTT/WebSocket" data-live={status}>
      <span class="dot" />
      <span class="label">{LIVE_LABELS[status]}</span>
    </span>
  );
}

export function Header({ route, tenant, signedIn, onSignOut }) {
  return (
    <header class="topbar">
      <a class="brand" href="#/">
        <img src="/favicon.svg" width="28" height="28" alt="" />
        <span>Roost</span>
      </a>
      <nav class="nav">
        <a href="#/" class={route.page !== 'admin' ? 'active' : ''}>Topics</a>
        <a href="#/admin" class={route.page === 'admin' ? 'active' : ''}>Operator</a>
      </nav>
      <div class="topbar-end">
        {signedIn && <LiveBadge />}
        {tenant && <span class="tenant" title={`Tenant #${tenant.id}`}>{tenant.name}</span>}
        {signedIn && (
          <button type="button" class="icon-button" onClick={onSignOut} title="Sign out" aria-label="Sign out">
            <Icon name="logout" />
          </button>
        )}
      </div>
    </header>
  );
}
