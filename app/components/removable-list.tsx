import { Form } from "react-router";

export type Removable = { key: string; text: string; label: string; fields: Record<string, string | number> };

/** A list whose every line has its own Remove button: a small form posting that line's fields (no script needed). */
export function RemovableList({ items, empty, removeText }: { items: Removable[]; empty: string; removeText: string }) {
  if (!items.length) return <p>{empty}</p>;
  return (
    <ul>
      {items.map((item) => (
        <li key={item.key}>
          <Form method="post" className="inline-form">
            {item.text}{" "}
            {Object.entries(item.fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <button type="submit" className="link-button" aria-label={item.label}>
              {removeText}
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}
