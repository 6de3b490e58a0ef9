/** What an erase writes over each personal field of a contact (safe to import on the client). */
export const ERASED = "erased";
