// Lexer and recursive-descent parser for FHIRPath (N1 grammar, plus the STU3 spellings of
// environment variables such as %"vs-name").
#include <cctype>
#include <charconv>
#include <regex>

#include "runner/fhir/fhirpath/ast.h"
#include "runner/fhir/fhirpath/fhirpath.h"
#include "runner/fhir/fhirpath/temporal.h"
#include "runner/fhir/utf8.h"

namespace gpc::fhirpath {

ParseError::ParseError(const std::string& message, std::size_t column)
    : std::runtime_error("column " + std::to_string(column) + ": " + message), column_(column) {}

namespace detail {

std::string typeSpecifier(const Node& node) {
  if (node.kind == NodeKind::Identifier) return node.name;
  if (node.kind == NodeKind::Member && node.children[0]) {
    std::string base = typeSpecifier(*node.children[0]);
    return base.empty() ? std::string() : base + "." + node.name;
  }
  return {};
}

namespace {

enum class Tok { End, Identifier, DelimitedIdentifier, String, Number, DateTime, Variable, Special, Punct };

struct Token {
  Tok kind = Tok::End;
  std::string text;
  std::size_t column = 1;
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      skipSpaceAndComments();
      Token t;
      t.column = pos_ + 1;
      if (pos_ >= text_.size()) {
        out.push_back(t);
        return out;
      }
      char c = text_[pos_];
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        t.kind = Tok::Identifier;
        t.text = identifierChars();
      } else if (c == '`' || c == '"') {
        // "name" is the FHIRPath STU1 (FHIR STU3-era) spelling of `name`.
        t.kind = Tok::DelimitedIdentifier;
        t.text = quoted(c);
      } else if (c == '\'') {
        t.kind = Tok::String;
        t.text = quoted('\'');
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        t.kind = Tok::Number;
        t.text = number();
      } else if (c == '@') {
        t.kind = Tok::DateTime;
        t.text = dateTime();
      } else if (c == '%') {
        ++pos_;
        t.kind = Tok::Variable;
        if (pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"' || text_[pos_] == '`'))
          t.text = quoted(text_[pos_]);
        else if (pos_ < text_.size() && (std::isalpha(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
          t.text = identifierChars();
        else
          throw ParseError("'%' must be followed by a variable name", t.column);
      } else if (c == '$') {
        ++pos_;
        t.kind = Tok::Special;
        t.text = "$" + identifierChars();
        if (t.text != "$this" && t.text != "$index" && t.text != "$total")
          throw ParseError("unknown special variable '" + t.text + "'", t.column);
      } else {
        t.kind = Tok::Punct;
        static const char* two[] = {"<=", ">=", "!=", "!~"};
        t.text = std::string(1, c);
        for (const char* op : two)
          if (text_.substr(pos_, 2) == op) t.text = op;
        if (std::string_view("+-*/&|<>=~()[]{},.").find(c) == std::string_view::npos && t.text.size() == 1)
          throw ParseError(std::string("unexpected character '") + c + "'", t.column);
        pos_ += t.text.size();
      }
      out.push_back(std::move(t));
    }
  }

 private:
  void skipSpaceAndComments() {
    while (pos_ < text_.size()) {
      if (std::isspace(static_cast<unsigned char>(text_[pos_]))) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "//") {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (text_.substr(pos_, 2) == "/*") {
        auto end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) throw ParseError("unterminated comment", pos_ + 1);
        pos_ = end + 2;
      } else {
        return;
      }
    }
  }

  std::string identifierChars() {
    std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string quoted(char quote) {
    std::size_t start = pos_++;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      char c = text_[pos_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) break;
      char e = text_[pos_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          if (pos_ + 4 > text_.size()) throw ParseError("bad \\u escape", pos_);
          unsigned code = 0;
          auto hex = text_.substr(pos_, 4);
          auto r = std::from_chars(hex.data(), hex.data() + 4, code, 16);
          if (r.ec != std::errc() || r.ptr != hex.data() + 4) throw ParseError("bad \\u escape", pos_);
          pos_ += 4;
          appendUtf8(out, code);
          break;
        }
        default: out += e;  // \' \" \` \\ \/
      }
    }
    if (pos_ >= text_.size()) throw ParseError(std::string("unterminated ") + quote + " literal", start + 1);
    ++pos_;
    return out;
  }

  static void appendUtf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  std::string number() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
      ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  // @2015-02-04T14:34:28.123+10:00, @2015, @T14:34. Validated by the parser.
  std::string dateTime() {
    std::size_t start = ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      bool digitNext = pos_ + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]));
      if (std::isdigit(static_cast<unsigned char>(c)) || c == ':' || c == 'T' || c == 'Z' ||
          ((c == '-' || c == '+' || c == '.') && digitNext))
        ++pos_;
      else
        break;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

bool isCalendarUnit(const std::string& word) {
  static const char* units[] = {"year", "years", "month", "months", "week", "weeks", "day", "days",
                                "hour", "hours", "minute", "minutes", "second", "seconds",
                                "millisecond", "milliseconds"};
  for (const char* u : units)
    if (word == u) return true;
  return false;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : toks_(std::move(tokens)) {}

  NodePtr parseAll() {
    if (peek().kind == Tok::End) throw ParseError("empty expression", 1);
    NodePtr n = expression();
    if (peek().kind != Tok::End) throw ParseError("unexpected '" + peek().text + "'", peek().column);
    return n;
  }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    return toks_[std::min(pos_ + ahead, toks_.size() - 1)];
  }
  Token next() { return toks_[std::min(pos_++, toks_.size() - 1)]; }
  bool isPunct(const char* p, std::size_t ahead = 0) const {
    return peek(ahead).kind == Tok::Punct && peek(ahead).text == p;
  }
  bool isWord(const char* w) const { return peek().kind == Tok::Identifier && peek().text == w; }
  void expect(const char* p) {
    if (!isPunct(p))
      throw ParseError(std::string("expected '") + p + "' but found " + describe(peek()), peek().column);
    ++pos_;
  }
  static std::string describe(const Token& t) {
    return t.kind == Tok::End ? std::string("end of expression") : "'" + t.text + "'";
  }

  static NodePtr binary(std::string op, NodePtr l, NodePtr r, std::size_t column) {
    auto n = std::make_shared<Node>();
    n->kind = NodeKind::Binary;
    n->name = std::move(op);
    n->column = column;
    n->children = {std::move(l), std::move(r)};
    return n;
  }

  // Nesting is bounded so a hostile expression cannot exhaust the stack.
  static constexpr int kMaxDepth = 200;
  NodePtr expression() {
    if (++depth_ > kMaxDepth) throw ParseError("expression nested too deeply", peek().column);
    NodePtr n = binaryLevel(kLooseLevels, 0);
    --depth_;
    return n;
  }

  // Binary operators by precedence, loosest first. Word operators are identifier tokens.
  using Levels = std::vector<std::vector<std::string>>;
  inline static const Levels kLooseLevels = {{"implies"}, {"or", "xor"}, {"and"}, {"in", "contains"},
                                             {"=", "~", "!=", "!~"}, {"<", ">", "<=", ">="}, {"|"}};
  inline static const Levels kTightLevels = {{"+", "-", "&"}, {"*", "/", "div", "mod"}};

  bool atOperator(const std::vector<std::string>& ops) const {
    const Token& t = peek();
    if (t.kind != Tok::Punct && t.kind != Tok::Identifier) return false;
    for (const std::string& op : ops)
      if (t.text == op && (t.kind == Tok::Identifier) == (std::isalpha(static_cast<unsigned char>(op[0])) != 0))
        return true;
    return false;
  }

  // Left-associative operators of levels[i]; below the loose levels come is/as, then the
  // tight (arithmetic) levels, then unary.
  NodePtr binaryLevel(const Levels& levels, std::size_t i) {
    auto operand = [&] {
      if (i + 1 < levels.size()) return binaryLevel(levels, i + 1);
      return &levels == &kLooseLevels ? typeExpr() : unary();
    };
    NodePtr l = operand();
    while (atOperator(levels[i])) {
      Token t = next();
      l = binary(t.text, l, operand(), t.column);
    }
    return l;
  }
  NodePtr typeExpr() {
    NodePtr l = binaryLevel(kTightLevels, 0);
    while (isWord("is") || isWord("as")) {
      Token t = next();
      auto n = std::make_shared<Node>();
      n->kind = NodeKind::TypeOp;
      n->name = t.text;
      n->column = t.column;
      n->typeName = qualifiedName();
      n->children = {l};
      l = n;
    }
    return l;
  }
  std::string qualifiedName() {
    std::string name;
    for (;;) {
      if (peek().kind != Tok::Identifier && peek().kind != Tok::DelimitedIdentifier)
        throw ParseError("expected a type name but found " + describe(peek()), peek().column);
      name += next().text;
      if (!isPunct(".")) return name;
      ++pos_;
      name += ".";
    }
  }
  NodePtr unary() {
    if (isPunct("+") || isPunct("-")) {
      Token t = next();
      if (++depth_ > kMaxDepth) throw ParseError("expression nested too deeply", t.column);
      NodePtr operand = unary();
      --depth_;
      auto n = std::make_shared<Node>();
      n->kind = NodeKind::Unary;
      n->name = t.text;
      n->column = t.column;
      n->children = {operand};
      return n;
    }
    return postfix();
  }
  NodePtr postfix() {
    NodePtr n = term();
    for (;;) {
      if (isPunct(".")) {
        ++pos_;
        n = invocation(n);
      } else if (isPunct("[")) {
        auto c = next().column;
        NodePtr index = expression();
        expect("]");
        auto ix = std::make_shared<Node>();
        ix->kind = NodeKind::Indexer;
        ix->column = c;
        ix->children = {n, index};
        n = ix;
      } else {
        return n;
      }
    }
  }

  // name or name(args), applied to `base` (null at the start of a path).
  NodePtr invocation(NodePtr base) {
    const Token& t = peek();
    if (t.kind != Tok::Identifier && t.kind != Tok::DelimitedIdentifier)
      throw ParseError("expected a name but found " + describe(t), t.column);
    Token name = next();
    auto n = std::make_shared<Node>();
    n->name = name.text;
    n->column = name.column;
    if (name.kind == Tok::Identifier && isPunct("(")) {
      ++pos_;
      n->kind = NodeKind::Function;
      n->children.push_back(base);
      if (!isPunct(")")) {
        n->children.push_back(expression());
        while (isPunct(",")) {
          ++pos_;
          n->children.push_back(expression());
        }
      }
      expect(")");
      return n;
    }
    n->kind = base ? NodeKind::Member : NodeKind::Identifier;
    if (base) n->children.push_back(base);
    return n;
  }

  std::shared_ptr<Node> literal(nlohmann::json value, std::string type, std::size_t column) {
    auto n = std::make_shared<Node>();
    n->kind = NodeKind::Literal;
    n->value = std::move(value);
    n->literalType = std::move(type);
    n->column = column;
    return n;
  }

  NodePtr term() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::End: throw ParseError("unexpected end of expression", t.column);
      case Tok::String: {
        Token s = next();
        return literal(s.text, "System.String", s.column);
      }
      case Tok::Number: return numberOrQuantity();
      case Tok::DateTime: return dateTimeLiteral();
      case Tok::Variable: {
        Token v = next();
        auto n = std::make_shared<Node>();
        n->kind = NodeKind::Variable;
        n->name = v.text;
        n->column = v.column;
        return n;
      }
      case Tok::Special: {
        Token s = next();
        auto n = std::make_shared<Node>();
        n->kind = s.text == "$this" ? NodeKind::This : s.text == "$index" ? NodeKind::Index : NodeKind::Total;
        n->column = s.column;
        return n;
      }
      case Tok::Identifier:
        if (t.text == "true" || t.text == "false") {
          Token b = next();
          return literal(b.text == "true", "System.Boolean", b.column);
        }
        return invocation(nullptr);
      case Tok::DelimitedIdentifier: return invocation(nullptr);
      case Tok::Punct:
        if (t.text == "(") {
          ++pos_;
          NodePtr inner = expression();
          expect(")");
          return inner;
        }
        if (t.text == "{") {
          auto c = next().column;
          expect("}");
          auto n = std::make_shared<Node>();
          n->kind = NodeKind::Empty;
          n->column = c;
          return n;
        }
        break;
    }
    throw ParseError("unexpected " + describe(t), t.column);
  }

  NodePtr numberOrQuantity() {
    Token num = next();
    bool isDecimal = num.text.find('.') != std::string::npos;
    nlohmann::json value;
    if (isDecimal) {
      value = std::stod(num.text);
    } else {
      long long v = 0;
      auto r = std::from_chars(num.text.data(), num.text.data() + num.text.size(), v);
      if (r.ec != std::errc()) throw ParseError("integer literal out of range", num.column);
      value = v;
    }
    std::string unit;
    if (peek().kind == Tok::String) {
      unit = next().text;
    } else if (peek().kind == Tok::Identifier && isCalendarUnit(peek().text)) {
      unit = next().text;
    } else {
      auto n = literal(value, isDecimal ? "System.Decimal" : "System.Integer", num.column);
      // Keep the literal's own spelling so 1.50 prints as written and keeps its precision.
      n->name = num.text;
      return n;
    }
    return literal(nlohmann::json{{"value", value}, {"unit", unit}}, "System.Quantity", num.column);
  }

  NodePtr dateTimeLiteral() {
    Token t = next();
    // A lone '@' is a token with no text: nothing to look at the last character of.
    if (t.text.empty()) throw ParseError("malformed date/time literal '@'", t.column);
    bool valid = t.text.size() > 1 && t.text[0] == 'T'
                     ? parseTemporal(t.text, Temporal::Kind::Time).has_value()
                     : parseTemporal(t.text.back() == 'T' ? t.text.substr(0, t.text.size() - 1) : t.text,
                                     Temporal::Kind::DateTime).has_value();
    if (!valid) throw ParseError("malformed date/time literal '@" + t.text + "'", t.column);
    static const std::regex date(R"(\d{4}(-\d{2}(-\d{2})?)?)");
    static const std::regex dateTime(
        R"(\d{4}(-\d{2}(-\d{2})?)?T(\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?(Z|[+-]\d{2}:\d{2})?)");
    static const std::regex time(R"(T\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)");
    if (std::regex_match(t.text, time)) return literal(t.text.substr(1), "System.Time", t.column);
    if (std::regex_match(t.text, date)) return literal(t.text, "System.Date", t.column);
    if (std::regex_match(t.text, dateTime)) {
      std::string text = t.text;
      if (text.back() == 'T') text.pop_back();  // @2015T is a DateTime with year precision
      return literal(text, "System.DateTime", t.column);
    }
    throw ParseError("malformed date/time literal '@" + t.text + "'", t.column);
  }

  std::vector<Token> toks_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace
}  // namespace detail

Expression parse(std::string_view text) {
  // Expressions are text (suite JSON, profiles); stray bytes would reach literals and then
  // every message that quotes them.
  if (const auto bad = fhir::firstInvalidUtf8(text)) throw ParseError("not valid UTF-8", *bad + 1);
  detail::Lexer lexer(text);
  detail::Parser parser(lexer.run());
  Expression e;
  e.text_ = std::string(text);
  e.tree_ = parser.parseAll();
  return e;
}

}  // namespace gpc::fhirpath
