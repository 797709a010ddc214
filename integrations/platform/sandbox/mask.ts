/** Masks personal identifiers for results and logs: '13912345678' → '139****5678'. */
export const mask = {
  phone(phone: string): string {
    return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  },
};
