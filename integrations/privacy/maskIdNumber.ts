import { maskKeeping } from './maskKeeping';

const ID_SHAPE = /^\d{17}[\dX]$/i;

/**
 * Masks an 18-character resident ID number: first 6 and last 4 characters kept, 8 stars between
 * (`11010519491231002X` → `110105********002X`). Anything not shaped like an ID is masked entirely,
 * so a malformed value never leaks.
 */
export function maskIdNumber(value: string): string {
  return ID_SHAPE.test(value) ? maskKeeping(value, 6, 4, /[0-9A-Za-z]/) : value.replace(/[0-9A-Za-z]/g, '*');
}
