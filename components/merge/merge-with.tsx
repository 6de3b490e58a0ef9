"use client";

// "Merge with…" on a record page: pick another record of the kind with the related-record
// picker, then merge in the side-by-side dialog (this record stays by default).
import { useState } from "react";
import { RecordPicker } from "@/components/record-form/record-picker";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";
import type { MergeKind } from "@/lib/merge/rules";
import { KIND_WORDS } from "@/lib/records/kinds";
import { MergeDialog } from "./merge-dialog";

export function MergeWith({ kind, id, title }: { kind: MergeKind; id: string; title: string }) {
  const words = KIND_WORDS[kind];
  const [picking, setPicking] = useState(false);
  const [other, setOther] = useState<string | null>(null);
  return (
    <>
      <Button variant="secondary" onClick={() => setPicking(true)} aria-label={`Merge ${title} with another ${words.singular}`}>
        Merge with…
      </Button>
      <Modal open={picking} onOpenChange={setPicking} title={`Merge ${title} with…`} description={`Pick the ${words.singular} to merge with this one.`}>
        <RecordPicker
          kind={{ recordType: kind, noun: words.plural }}
          label={`${words.singular[0]!.toUpperCase()}${words.singular.slice(1)} to merge`}
          value={null}
          valueLabel={null}
          onChange={(picked) => {
            if (!picked || picked === id) return;
            setPicking(false);
            setOther(picked);
          }}
        />
      </Modal>
      {other ? <MergeDialog kind={kind} ids={[id, other]} open onOpenChange={(open) => !open && setOther(null)} /> : null}
    </>
  );
}
