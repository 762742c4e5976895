#pragma once
// Fitting console lines to the terminal. Only a terminal gets cut lines: a pipe or a CI log
// keeps the full text, because there nobody can widen the window to read the rest.

#include <string>
#include <string_view>

namespace gpc::reporters {

// Columns of the terminal on `fd`: the window size the terminal reports, else $COLUMNS,
// else 0 (unknown: do not cut). 0 too when `fd` is not a terminal.
int terminalColumns(int fd);

// `line` cut to at most `columns` display columns, ending in "…" when cut. Colour escapes
// (ESC [ ... m) take no columns and are kept; each other code point counts as one column
// (best effort: wide East Asian characters count as one). `columns` <= 0 leaves it whole.
std::string fitToColumns(std::string_view line, int columns);

}  // namespace gpc::reporters
