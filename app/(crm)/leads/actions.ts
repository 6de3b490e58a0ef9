"use server";

import { makeCreateAction, makeMoveAction } from "@/lib/board/actions";

/** Board drop or reorder: moveRecord with the neighbours at the drop point. */
export const moveLeadAction = makeMoveAction("LEAD");

/** Quick-create at the top of a board column. */
export const createLeadAction = makeCreateAction("LEAD");
