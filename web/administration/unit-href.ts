/** The page of a unit (web/administration/unit-change-routes.tsx). */
export const unitHref = (id: string) => `/admin/units/${encodeURIComponent(id)}`;
