// Modal dialogs on the native <dialog>: focus moves in, Tab stays inside, Escape closes, focus goes back after.
import {h, uid} from './dom.js';

/** Opens a modal with `title` and `content`; resolves with the dialog's returnValue when it closes. */
export function openDialog(title, content, {buttons = [], onclose} = {}) {
  const opener = document.activeElement;
  const titleId = uid('dlg');
  const dialog = h('dialog', {'aria-labelledby': titleId, class: 'modal'},
    h('h2', {id: titleId}, title),
    content,
    buttons.length ? h('div', {class: 'actions'}, buttons) : null);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (onclose) onclose(dialog.returnValue);
      if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
      resolve(dialog.returnValue);
    });
    dialog.addEventListener('keydown', (e) => trapTab(dialog, e));
    dialog.showModal();
    const first = dialog.querySelector('[autofocus], input, select, textarea, button');
    if (first) first.focus();
  });
}

/** A yes/no question; resolves true when `confirmLabel` was chosen. */
export async function confirmDialog(title, message, confirmLabel, {danger = true} = {}) {
  const text = h('p', {}, message);
  const cancel = h('button', {type: 'button', class: 'secondary', autofocus: true,
    onclick: (e) => e.target.closest('dialog').close('cancel')}, 'Cancel');
  const ok = h('button', {type: 'button', class: danger ? 'danger' : '',
    onclick: (e) => e.target.closest('dialog').close('confirm')}, confirmLabel);
  const result = await openDialog(title, text, {buttons: [cancel, ok]});
  return result === 'confirm';
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), '
  + 'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside the dialog: from the last control Tab wraps to the first, and back. */
function trapTab(dialog, e) {
  if (e.key !== 'Tab') return;
  const items = [...dialog.querySelectorAll(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (e.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
