package dev.moduleagent.localhub.internal.query;

import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser of IoT Hub's query language for twins (no library parses it):
 * {@code SELECT * | field [AS name], COUNT() [AS name], … FROM devices | devices.modules [WHERE cond] [GROUP BY path, …]}
 * where conditions combine comparisons ({@code = != <> < <= > >=}), {@code IN (…)}, functions
 * ({@code IS_DEFINED}, {@code IS_NULL}, {@code IS_STRING}, {@code IS_NUMBER}, {@code IS_BOOL}, {@code STARTSWITH},
 * {@code ENDSWITH}) with {@code AND}, {@code OR}, {@code NOT} and parentheses. The text and the nesting are bounded.
 */
public final class QueryParser {

    public static final int MAX_QUERY_CHARS = 8 * 1024;
    static final int MAX_DEPTH = 32;

    private final List<Token> tokens;
    private int index;
    private int depth;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static TwinQuery parse(String text) throws QueryException {
        if (text == null || text.isBlank()) {
            throw new QueryException("the query is empty");
        }
        if (text.length() > MAX_QUERY_CHARS) {
            throw new QueryException("the query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        return new QueryParser(QueryLexer.tokens(text)).query();
    }

    private TwinQuery query() throws QueryException {
        expectKeyword("SELECT");
        boolean all = false;
        List<TwinQuery.Field> fields = new ArrayList<>();
        if (peek().isSymbol("*")) {
            index++;
            all = true;
        } else {
            do {
                fields.add(field(fields.size() + 1));
            } while (acceptSymbol(","));
        }
        expectKeyword("FROM");
        boolean modules = source();
        Expression where = null;
        if (acceptKeyword("WHERE")) {
            where = condition();
        }
        List<Expression.Path> groupBy = new ArrayList<>();
        if (acceptKeyword("GROUP")) {
            expectKeyword("BY");
            do {
                groupBy.add(path());
            } while (acceptSymbol(","));
        }
        if (peek().kind() != Token.Kind.END) {
            throw unexpected("the end of the query");
        }
        if (!groupBy.isEmpty() && all) {
            throw new QueryException("GROUP BY needs the grouped fields and COUNT() in SELECT, not *");
        }
        return new TwinQuery(all, List.copyOf(fields), modules, where, List.copyOf(groupBy));
    }

    private TwinQuery.Field field(int position) throws QueryException {
        Expression.Path path = null;
        String name;
        if (peek().isKeyword("COUNT")) {
            index++;
            expectSymbol("(");
            expectSymbol(")");
            name = "$" + position;
        } else {
            path = path();
            name = path.lastSegment();
        }
        if (acceptKeyword("AS")) {
            name = word("a field name");
        }
        return new TwinQuery.Field(path, name);
    }

    private boolean source() throws QueryException {
        String first = word("devices or devices.modules");
        if (!first.equalsIgnoreCase("devices")) {
            throw new QueryException("FROM must name devices or devices.modules, not '" + first + "'");
        }
        if (acceptSymbol(".")) {
            String second = word("modules");
            if (!second.equalsIgnoreCase("modules")) {
                throw new QueryException("FROM must name devices or devices.modules, not 'devices." + second + "'");
            }
            return true;
        }
        return false;
    }

    private Expression condition() throws QueryException {
        if (++depth > MAX_DEPTH) {
            throw new QueryException("the condition is nested deeper than " + MAX_DEPTH + " levels");
        }
        Expression left = conjunction();
        while (acceptKeyword("OR")) {
            left = new Expression.Or(left, conjunction());
        }
        depth--;
        return left;
    }

    private Expression conjunction() throws QueryException {
        Expression left = negation();
        while (acceptKeyword("AND")) {
            left = new Expression.And(left, negation());
        }
        return left;
    }

    private Expression negation() throws QueryException {
        if (acceptKeyword("NOT")) {
            if (++depth > MAX_DEPTH) {
                throw new QueryException("the condition is nested deeper than " + MAX_DEPTH + " levels");
            }
            Expression operand = negation();
            depth--;
            return new Expression.Not(operand);
        }
        return predicate();
    }

    private Expression predicate() throws QueryException {
        if (acceptSymbol("(")) {
            Expression inner = condition();
            expectSymbol(")");
            return inner;
        }
        Expression left = operand();
        if (left instanceof Expression.Function) {
            return left;
        }
        if (acceptKeyword("IN")) {
            return new Expression.In(left, list());
        }
        Token operator = peek();
        if (operator.kind() == Token.Kind.SYMBOL && List.of("=", "!=", "<>", "<", "<=", ">", ">=").contains(operator.text())) {
            index++;
            return new Expression.Comparison(left, operator.text(), operand());
        }
        throw unexpected("a comparison operator");
    }

    private List<Expression> list() throws QueryException {
        expectSymbol("(");
        List<Expression> values = new ArrayList<>();
        do {
            values.add(operand());
        } while (acceptSymbol(","));
        expectSymbol(")");
        return values;
    }

    private Expression operand() throws QueryException {
        Token token = peek();
        switch (token.kind()) {
            case STRING -> {
                index++;
                return new Expression.Literal(new JsonPrimitive(token.text()));
            }
            case NUMBER -> {
                index++;
                return new Expression.Literal(number(token));
            }
            case WORD -> {
                return wordOperand(token);
            }
            default -> throw unexpected("a value or a property path");
        }
    }

    private Expression wordOperand(Token token) throws QueryException {
        String lower = token.text().toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            index++;
            return new Expression.Literal(new JsonPrimitive(Boolean.parseBoolean(lower)));
        }
        if (lower.equals("null")) {
            index++;
            return new Expression.Literal(JsonNull.INSTANCE);
        }
        if (tokens.get(index + 1).isSymbol("(")) {
            index += 2;
            if (++depth > MAX_DEPTH) {
                throw new QueryException("the condition is nested deeper than " + MAX_DEPTH + " levels");
            }
            List<Expression> arguments = new ArrayList<>();
            if (!acceptSymbol(")")) {
                do {
                    arguments.add(operand());
                } while (acceptSymbol(","));
                expectSymbol(")");
            }
            depth--;
            return QueryFunctions.check(token.text().toUpperCase(Locale.ROOT), arguments);
        }
        return path();
    }

    private Expression.Path path() throws QueryException {
        List<String> segments = new ArrayList<>();
        segments.add(word("a property path"));
        while (acceptSymbol(".")) {
            segments.add(word("a property name"));
        }
        while (segments.size() > 1 && (segments.get(0).equalsIgnoreCase("devices") || segments.get(0).equalsIgnoreCase("modules"))) {
            segments.remove(0);
        }
        return new Expression.Path(List.copyOf(segments));
    }

    private static JsonPrimitive number(Token token) throws QueryException {
        try {
            return new JsonPrimitive(new BigDecimal(token.text()));
        } catch (NumberFormatException e) {
            throw new QueryException("'" + token.text() + "' at offset " + token.offset() + " is not a number");
        }
    }

    private String word(String what) throws QueryException {
        Token token = peek();
        if (token.kind() != Token.Kind.WORD) {
            throw unexpected(what);
        }
        index++;
        return token.text();
    }

    private Token peek() {
        return tokens.get(index);
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            index++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) throws QueryException {
        if (!acceptKeyword(keyword)) {
            throw unexpected(keyword);
        }
    }

    private void expectSymbol(String symbol) throws QueryException {
        if (!acceptSymbol(symbol)) {
            throw unexpected("'" + symbol + "'");
        }
    }

    private QueryException unexpected(String expected) {
        Token token = peek();
        String found = token.kind() == Token.Kind.END ? "the end of the query" : "'" + token.text() + "'";
        return new QueryException("expected " + expected + " at offset " + token.offset() + ", found " + found);
    }
}
