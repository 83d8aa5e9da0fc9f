// Where the console keeps its keys: the tenant's private key in localStorage (until sign-out),
// the operator's admin key in sessionStorage (until the tab is closed). Storage that is not
// available (private mode, blocked) just means nothing is remembered.

const TENANT_KEY = 'roost.key';
const ADMIN_KEY = 'roost.adminKey';

function read(storage, name) {
  try {
    return storage.getItem(name) || '';
  } catch {
    return '';
  }
}

function write(storage, name, value) {
  try {
    if (value) storage.setItem(name, value);
    else storage.removeItem(name);
  } catch {
    // nothing remembered
  }
}

export const savedKey = () => read(localStorage, TENANT_KEY);
export const saveKey = (key) => write(localStorage, TENANT_KEY, key);
export const savedAdminKey = () => read(sessionStorage, ADMIN_KEY);
export const saveAdminKey = (key) => write(sessionStorage, ADMIN_KEY, key);
