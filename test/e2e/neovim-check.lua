-- Headless Neovim as a second LSP client of report-lint (used by neovim-check.mjs).
-- Works with Neovim 0.7 (Debian bookworm) and later: vim.lsp.start_client + buf_attach_client.
-- Inputs (environment): RL_SERVER (dist/server.js), RL_FILE (the report), RL_ROOT (workspace root),
-- RL_OUT (JSON written here), RL_TIMEOUT_MS (bounded wait for diagnostics).
local server = assert(os.getenv('RL_SERVER'), 'RL_SERVER')
local file = assert(os.getenv('RL_FILE'), 'RL_FILE')
local root = assert(os.getenv('RL_ROOT'), 'RL_ROOT')
local out = assert(os.getenv('RL_OUT'), 'RL_OUT')
local timeout = tonumber(os.getenv('RL_TIMEOUT_MS') or '20000')

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'report' -- set explicitly: Neovim does not know *.report.txt; sent as languageId

local target = vim.uri_from_bufnr(bufnr)
local publishes = {}
local got = nil

local client_id = vim.lsp.start_client({
  name = 'report-lint',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result then
        table.insert(publishes, { uri = result.uri, count = #result.diagnostics })
        if result.uri == target and #result.diagnostics > 0 then got = result end
      end
      return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
    end,
  },
})
local status = 'timeout'
if not client_id then
  status = 'start_client failed'
else
  vim.lsp.buf_attach_client(bufnr, client_id)
  -- bounded wait on a condition, polled every 50 ms
  if vim.wait(timeout, function() return got ~= nil end, 50) then status = 'ok' end
end

local client = client_id and vim.lsp.get_client_by_id(client_id)
local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode({
  status = status,
  nvim = vim.version(),
  uri = target,
  server_name = client and client.server_info and client.server_info.name or vim.NIL,
  publishes = publishes,
  diagnostics = got and got.diagnostics or {},
}))
f:close()
if client then client.stop() end
vim.cmd(status == 'ok' and 'qall!' or 'cquit! 3')
