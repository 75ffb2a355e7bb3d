-- Neovim end to end (tests/editors.rs runs it): open the plan $PLAN with planlint's language
-- server, wait for its diagnostics and write them to $OUT.diags ("rule line col", 1-based, col
-- in bytes as Neovim keeps it), then apply every rag-spelling quick fix through
-- textDocument/codeAction and write the buffer. Any failure is written to $OUT.err and exits 1.
-- Works with Neovim 0.7 (vim.lsp.start_client) and later (vim.lsp.start).
local plan, out, bin = os.getenv("PLAN"), os.getenv("OUT"), os.getenv("PLANLINT")

local function write(path, text)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

local function fail(msg)
  write(out .. ".err", msg)
  vim.cmd("cquit 1")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(plan))
  local buf = vim.api.nvim_get_current_buf()
  local config = {
    name = "planlint",
    cmd = { bin, "server" },
    root_dir = vim.fn.fnamemodify(plan, ":p:h:h"),
    init_options = { asOf = "2015-12-01", debounceMs = 0 },
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = buf })
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  if not client_id then
    return fail("the server did not start")
  end

  local function planlint_diagnostics()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.source == "planlint" then
        table.insert(found, d)
      end
    end
    return found
  end
  local function with_rule(rule)
    for _, d in ipairs(planlint_diagnostics()) do
      if d.code == rule then
        return d
      end
    end
  end

  if not vim.wait(30000, function() return #planlint_diagnostics() > 0 end, 20) then
    return fail("no diagnostics within 30 s")
  end
  local lines = {}
  for _, d in ipairs(planlint_diagnostics()) do
    table.insert(lines, string.format("%s %d %d", d.code, d.lnum + 1, d.col + 1))
  end
  table.sort(lines)
  write(out .. ".diags", table.concat(lines, "\n") .. "\n")

  local applied = 0
  while true do
    local d = with_rule("rag-spelling")
    if not d then
      break
    end
    local lsp_diag = d.user_data and d.user_data.lsp
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = lsp_diag.range,
      context = { diagnostics = { lsp_diag }, only = { "quickfix" } },
    }
    local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
    local action
    for _, a in pairs(answers) do
      for _, candidate in ipairs(a.result or {}) do
        if candidate.isPreferred and candidate.edit then
          action = candidate
        end
      end
    end
    if not action then
      return fail("no quick fix offered for rag-spelling")
    end
    local client = vim.lsp.get_client_by_id(client_id)
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    applied = applied + 1
    if applied > 50 then
      return fail("rag-spelling still reported after 50 fixes")
    end
    -- the edit is sent as didChange; wait for the diagnostics of the new text
    local before = lsp_diag.range.start.line
    vim.wait(10000, function()
      local again = with_rule("rag-spelling")
      return not again or again.lnum ~= before
    end, 20)
  end
  if applied == 0 then
    return fail("no rag-spelling diagnostic")
  end
  vim.cmd("write")
end)
if not ok then
  fail(tostring(err))
else
  vim.cmd("qall!")
end
