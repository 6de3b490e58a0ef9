// Names of the board's marks in the page's performance timeline (read by bench/board-ui.ts).

/** From a drop to the server's answer. */
export const MOVE_CONFIRMED_MEASURE = "stageline:move-confirmed";
