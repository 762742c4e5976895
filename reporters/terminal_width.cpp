#include "reporters/terminal_width.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>

namespace gpc::reporters {
namespace {

bool isContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the colour escape starting at `i`, 0 when none starts there.
std::size_t colourEscapeLength(std::string_view s, std::size_t i) {
  if (s[i] != '\x1b' || i + 1 >= s.size() || s[i + 1] != '[') return 0;
  std::size_t j = i + 2;
  while (j < s.size() && (s[j] == ';' || (s[j] >= '0' && s[j] <= '9'))) ++j;
  return j < s.size() && s[j] == 'm' ? j + 1 - i : 0;
}

}  // namespace

int terminalColumns(int fd) {
  if (::isatty(fd) != 1) return 0;
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  const char* columns = std::getenv("COLUMNS");
  if (columns == nullptr) return 0;
  int value = 0;
  const std::string_view text(columns);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && value > 0 ? value : 0;
}

std::string fitToColumns(std::string_view line, int columns) {
  if (columns <= 0) return std::string(line);
  // First pass: does it fit? Most lines do, and then nothing is copied piecewise.
  int width = 0;
  for (std::size_t i = 0; i < line.size();) {
    if (const std::size_t esc = colourEscapeLength(line, i)) {
      i += esc;
      continue;
    }
    if (!isContinuationByte(static_cast<unsigned char>(line[i]))) ++width;
    ++i;
  }
  if (width <= columns) return std::string(line);

  // Keep columns - 1 code points and the ellipsis; colour escapes are kept so a colour that
  // was switched on is also switched off again.
  std::string out;
  int kept = 0;
  bool cutting = false;
  for (std::size_t i = 0; i < line.size();) {
    if (const std::size_t esc = colourEscapeLength(line, i)) {
      out.append(line.substr(i, esc));
      i += esc;
      continue;
    }
    const bool starts = !isContinuationByte(static_cast<unsigned char>(line[i]));
    if (starts && kept == columns - 1 && !cutting) {
      out += "\u2026";
      cutting = true;
    }
    if (starts && !cutting) ++kept;
    if (!cutting) out += line[i];
    ++i;
  }
  return out;
}

}  // namespace gpc::reporters
