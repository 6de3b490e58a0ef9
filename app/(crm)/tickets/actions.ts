"use server";

import { makeCreateAction, makeMoveAction } from "@/lib/board/actions";

/** Board drop or reorder: moveRecord with the neighbours at the drop point. */
export const moveTicketAction = makeMoveAction("TICKET");

/** Quick-create at the top of a board column. */
export const createTicketAction = makeCreateAction("TICKET");
