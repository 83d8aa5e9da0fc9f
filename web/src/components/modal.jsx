// A modal dialog: a titled panel over a dimmed page. Escape or a click outside closes it.

import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon } from './icons.jsx';

export function Modal({ title, onClose, children, class: cls = '' }) {
  const panel = useRef(null);
  useEffect(() => {
    const onKey = (e) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    const first = panel.current && (panel.current.querySelector('[data-autofocus]')
                                     || panel.current.querySelector('input, select, textarea, button.primary'));
    if (first) first.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div class="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div class={`modal ${cls}`} role="dialog" aria-modal="true" aria-label={title} ref={panel}>
        <header class="modal-head">
          <h2>{title}</h2>
          <button type="button" class="icon-button" onClick={onClose} aria-label="Close">
            <Icon name="close" />
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}

// "Are you sure?" with a dangerous action: `onConfirm` may return a promise (the button waits).
export function ConfirmDialog({ title, children, action, onConfirm, onClose, error }) {
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={title} onClose={onClose}>
      <div class="modal-body">{children}</div>
      {error && <p class="error" role="alert">{error}</p>}
      <footer class="modal-foot">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" class="danger" onClick={confirm} disabled={busy}>{action}</button>
      </footer>
    </Modal>
  );
}
