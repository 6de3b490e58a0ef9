"use client";

import { Check, ChevronDown, Eye, EyeOff } from "lucide-react";
import { useRouter } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { actionMessage } from "@/lib/action-result";
import { followAction, unfollowAction } from "@/lib/watchers/actions";

type Kind = "COMPANY" | "CONTACT" | "DEAL" | "LEAD" | "TICKET";

/** Follow / Unfollow for me, and a menu to make a group follow (or stop). */
export function FollowControl({
  kind,
  id,
  meId,
  following,
  groups,
  canWatch,
}: {
  kind: Kind;
  id: string;
  meId: string;
  following: boolean;
  groups: { id: string; name: string; following: boolean }[];
  canWatch: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const run = (follow: boolean, principalType: "USER" | "GROUP", principalId: string, done: string) =>
    start(async () => {
      const input = { kind, id, principalType, principalId };
      const failure = actionMessage(follow ? await followAction(input) : await unfollowAction(input));
      if (failure) {
        toast.error(failure);
        return;
      }
      toast.success(done);
      router.refresh();
    });
  if (!canWatch) return null;
  return (
    <div className="flex items-center">
      <Button
        variant={following ? "secondary" : "primary"}
        size="sm"
        className="rounded-r-none"
        disabled={pending}
        onClick={() => run(!following, "USER", meId, following ? "You no longer follow this record" : "You follow this record: you will be notified of changes")}
      >
        {following ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
        {following ? "Unfollow" : "Follow"}
      </Button>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <Button variant="secondary" size="sm" className="rounded-l-none border-l border-slate-300 px-1.5" aria-label="Follow for a group" disabled={pending}>
            <ChevronDown className="size-4" aria-hidden />
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
            <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold uppercase text-slate-500">Follow for a group</DropdownMenu.Label>
            {groups.length === 0 ? <p className="px-2 py-1.5 text-sm text-slate-500">No groups yet (Settings → Groups)</p> : null}
            {groups.map((g) => (
              <DropdownMenu.CheckboxItem
                key={g.id}
                checked={g.following}
                onCheckedChange={(checked) => run(checked, "GROUP", g.id, checked ? `${g.name} now follows this record` : `${g.name} no longer follows this record`)}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100"
              >
                <span className="flex size-4 items-center justify-center">
                  <DropdownMenu.ItemIndicator>
                    <Check className="size-4" aria-hidden />
                  </DropdownMenu.ItemIndicator>
                </span>
                {g.name}
              </DropdownMenu.CheckboxItem>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </div>
  );
}
