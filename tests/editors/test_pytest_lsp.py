"""planlint's language server under pytest-lsp, with VS Code's client capabilities.

tests/editors.rs runs this file with PLANLINT (the binary) and PLAN_DIR (a copy of the
examples) set. pytest-lsp checks every answer against the client's capabilities; its
LspSpecificationWarning is an error here.
"""

import json
import os
import pathlib
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

PLANLINT = os.environ["PLANLINT"]
PLAN_DIR = pathlib.Path(os.environ["PLAN_DIR"])
PLAN = PLAN_DIR / "plans" / "pan-lancashire.toml"

pytestmark = pytest.mark.filterwarnings("error::pytest_lsp.checks.LspSpecificationWarning")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[PLANLINT, "server", "--stdio"]))
async def client(lsp_client: LanguageClient):
    # VS Code lets servers register file watchers; the server asks for planlint.toml's
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations = [r.method for r in params.registrations]

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=PLAN_DIR.as_uri(),
            initialization_options={"asOf": "2015-12-01", "debounceMs": 0},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def open_plan(client: LanguageClient, text: str, version: int = 1):
    uri = PLAN.as_uri()
    if version == 1:
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="toml", version=1, text=text
                )
            )
        )
    else:
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri, client.diagnostics[uri]


def check_findings():
    out = subprocess.run(
        [PLANLINT, "check", "--as-of", "2015-12-01", "--format", "json"],
        cwd=PLAN_DIR,
        capture_output=True,
        check=False,
    )
    findings = json.loads(out.stdout)["findings"]
    return {
        (f["rule"], f["line"], f["column"])
        for f in findings
        if f["file"] == "plans/pan-lancashire.toml"
    }


@pytest.mark.asyncio
async def test_diagnostics_equal_check_and_features_answer(client: LanguageClient):
    text = PLAN.read_text(encoding="utf-8")
    uri, diagnostics = await open_plan(client, text)
    # VS Code 1.65 offers no encodings: UTF-16, equal to check's character columns on this
    # plan (no character outside the Basic Multilingual Plane)
    got = {(d.code, d.range.start.line + 1, d.range.start.character + 1) for d in diagnostics}
    assert got == check_findings()
    assert all(d.source == "planlint" for d in diagnostics)
    assert client.registrations == ["workspace/didChangeWatchedFiles"]

    # rag-unknown ("Yellow") carries an unsafe fix: a quick fix, not the preferred one
    yellow = next(d for d in diagnostics if d.code == "rag-unknown")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=yellow.range,
            context=types.CodeActionContext(diagnostics=[yellow]),
        )
    )
    fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.edit]
    assert fixes and not fixes[0].is_preferred
    assert any(a.title.startswith("Allow rag-unknown on action") for a in actions)

    # hover on the finding: the rule's documentation
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=yellow.range.start
        )
    )
    assert "### rag-unknown" in hover.contents.value

    # completion of a rating on a new line at the end
    lines = text.splitlines()
    edited = text + 'rag = "'
    _, _ = await open_plan(client, edited, version=2)
    items = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=len(lines), character=7),
        )
    )
    labels = [i.label for i in (items.items if hasattr(items, "items") else items)]
    assert labels[:3] == ["red", "amber", "green"]

    # formatting the example: already in fmt's layout, or one edit
    _, _ = await open_plan(client, text, version=3)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert edits is None or len(edits) <= 1
