/** A word diff as the API gives it (jsdiff's changes): added words marked, removed ones struck. */
export function Words({
  changes,
}: {
  changes: readonly { value: string; added?: boolean; removed?: boolean }[];
}) {
  return (
    <>
      {changes.map((c, i) =>
        c.added ? (
          <ins key={i}>{c.value}</ins>
        ) : c.removed ? (
          <del key={i}>{c.value}</del>
        ) : (
          <span key={i}>{c.value}</span>
        ),
      )}
    </>
  );
}
