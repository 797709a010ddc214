/**
 * The official account's custom menu (自定义菜单): CLICK event keys and the catalogue message whose text the
 * click stands for, so a click behaves exactly as if the citizen had typed the service's name.
 */
export const MENU_KEYS: Readonly<Record<string, string>> = {
  MENU_EXAM_BOOK: 'main.service.exam.book',
  MENU_EXAM_QUERY: 'main.service.exam.query',
  MENU_PLATE_SELECT: 'main.service.plate.select',
  MENU_PLATE_QUERY: 'main.service.plate.query',
  MENU_FINE_QUERY: 'main.service.fine.query',
  MENU_FINE_PAY: 'main.service.fine.pay',
  MENU_POINTS: 'main.service.points.query',
  MENU_AGENT: 'main.service.agent',
};
