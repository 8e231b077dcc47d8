// The explorer: GraphiQL (schema docs, completion, history) with the caller's own token, the README's
// example operations for the signed-in role, and the fields that role may not read marked in the
// docs, the completion and the editor (as deprecated, with the reason), so that a rule is learnt
// before a query meets it.
import { authorization, graphql, identity, mountSignIn, onSessionChange, token } from "/static/session.js";

const { React, ReactDOM, GraphiQL } = window;
const h = React.createElement;
const { useEditorContext } = GraphiQL.React;
const { getIntrospectionQuery } = GraphiQL.GraphQL;

const DEFAULT_QUERY = `# Sign in above, then open an example for your role from the panel on the left,
# or write your own: Ctrl-Space completes, Ctrl-Enter runs. Fields your role may not
# read are marked (struck through, with the reason) in completion, the docs and here.

query FirstSignals {
  signals(first: 3) {
    edges { node { id priority createdAt } }
  }
}
`;

/** What the page knows besides GraphiQL's own state; the panel re-renders when it changes. */
let state = { examples: [], role: undefined, unreadable: [], schema: null, problem: undefined };
const watchers = new Set();
function setState(changes) {
  state = { ...state, ...changes };
  for (const watcher of watchers) watcher();
  render();
}
const subscribe = (watcher) => {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
};

/** GraphiQL's fetcher: every operation goes to /graphql with the signed-in token, and only there. */
async function fetcher(params) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...authorization() },
    body: JSON.stringify(params),
  });
  return response.json();
}

/**
 * The introspected schema with every field the role may not read marked: deprecated (so completion
 * strikes it through and the editor warns where it is used) and its description saying why.
 */
export function markUnreadable(introspection, unreadable, role) {
  const marked = structuredClone(introspection);
  const closed = new Set(unreadable);
  const reason = `Not readable for role ${role}`;
  for (const type of marked.__schema.types) {
    for (const field of type.fields ?? []) {
      if (!closed.has(`${type.name}.${field.name}`)) continue;
      field.isDeprecated = true;
      field.deprecationReason = `${reason}: an answer has null here, with a FORBIDDEN error.`;
      field.description = `⛔ ${reason}.${field.description ? `\n\n${field.description}` : ""}`;
    }
  }
  return marked;
}

/** After each sign-in and sign-out: the schema and the rules as the signed-in role sees them. */
async function refresh() {
  const who = identity();
  const bearer = token();
  if (!who) return setState({ role: undefined, unreadable: [], schema: null, problem: undefined });
  try {
    const [introspection, readable] = await Promise.all([
      graphql(getIntrospectionQuery()),
      fetch("/auth/readable-fields", { headers: authorization() }).then((response) => response.json()),
    ]);
    if (token() !== bearer) return; // signed out or in again meanwhile
    if (!introspection.data) throw new Error(introspection.errors?.[0]?.message ?? "the schema could not be read");
    setState({ role: who.role, unreadable: readable.unreadable ?? [], schema: markUnreadable(introspection.data, readable.unreadable ?? [], who.role), problem: undefined });
  } catch (error) {
    setState({ problem: error instanceof Error ? error.message : String(error) });
  }
}

function ExamplesIcon() {
  return h(
    "svg",
    { viewBox: "0 0 24 24", width: "1em", height: "1em", fill: "none", stroke: "currentColor", strokeWidth: 1.5, "aria-hidden": "true" },
    h("path", { d: "M4 5h16M4 10h16M4 15h10M4 20h7" }),
  );
}

/** The README's operations for the signed-in role, each opened in a tab of its own; then the role's closed fields. */
function ExamplesPanel() {
  const current = React.useSyncExternalStore(subscribe, () => state);
  const editor = useEditorContext({ nonNull: true });
  const open = (example) => {
    editor.addTab();
    // The new tab's editor is filled once GraphiQL has switched to it; the operation to run is the example's.
    setTimeout(() => {
      editor.queryEditor?.setValue(example.operation);
      editor.setOperationName(example.name);
    }, 0);
  };
  const item = (example) =>
    h(
      "li",
      { key: example.name },
      h("button", { type: "button", className: "example", "data-example": example.name, onClick: () => open(example) }, example.name),
      h("span", { className: "kind" }, example.kind),
    );
  if (!current.role) {
    return h(
      "div",
      { className: "examples" },
      h("div", { className: "graphiql-doc-explorer-title" }, "Examples"),
      h("p", null, "Sign in above: the README's example operations for your role appear here, and the fields your role may not read are marked."),
      current.problem ? h("p", { role: "alert" }, current.problem) : null,
    );
  }
  const mine = current.examples.filter((example) => example.role === current.role);
  const others = current.examples.filter((example) => example.role !== current.role);
  return h(
    "div",
    { className: "examples", id: "examples" },
    h("div", { className: "graphiql-doc-explorer-title" }, "Examples"),
    h("h3", null, `For ${current.role}`),
    mine.length ? h("ul", { id: "examples-for-role" }, mine.map(item)) : h("p", null, "The README has no example for this role."),
    h("details", null, h("summary", null, "Other roles' examples"), h("ul", null, others.map(item))),
    h("h3", null, `Fields ${current.role} may not read (${current.unreadable.length})`),
    h("p", null, "In an answer these are null, each with a FORBIDDEN error. Completion and the docs mark them too."),
    h(
      "ul",
      { className: "unreadable", id: "unreadable-fields" },
      current.unreadable.map((coordinate) => h("li", { key: coordinate }, coordinate)),
    ),
  );
}

const examplesPlugin = { title: "Examples and rules", icon: ExamplesIcon, content: ExamplesPanel };

let root;
function render() {
  root ??= ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    h(GraphiQL, {
      fetcher,
      // Only after sign-in: the schema as the role sees it; signed out there is none to show.
      schema: state.schema,
      plugins: [examplesPlugin],
      visiblePlugin: examplesPlugin,
      defaultQuery: DEFAULT_QUERY,
      // The token comes from the sign-in only; nobody pastes one into a header editor that persists.
      isHeadersEditorEnabled: false,
      shouldPersistHeaders: false,
    }),
  );
}

async function start() {
  onSessionChange(() => void refresh());
  render();
  const [examples] = await Promise.all([
    fetch("/static/examples.json")
      .then((response) => response.json())
      .catch(() => []),
    mountSignIn(document.getElementById("session")),
  ]);
  setState({ examples });
}

start();
