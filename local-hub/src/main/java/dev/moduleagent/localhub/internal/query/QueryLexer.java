package dev.moduleagent.localhub.internal.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits IoT Hub query text into tokens: words (identifiers and keywords, also {@code $}-prefixed and
 * {@code [[quoted]]} ones), single-quoted strings ({@code ''} escapes a quote), numbers and operators.
 */
final class QueryLexer {

    static final int MAX_TOKENS = 2000;
    private static final String TWO_CHAR_SYMBOLS = "!=<><=>=";

    private final String text;
    private int position;

    private QueryLexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) throws QueryException {
        QueryLexer lexer = new QueryLexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
            if (tokens.size() > MAX_TOKENS) {
                throw new QueryException("the query has more than " + MAX_TOKENS + " tokens");
            }
        } while (token.kind() != Token.Kind.END);
        return tokens;
    }

    private Token next() throws QueryException {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        int start = position;
        if (position >= text.length()) {
            return new Token(Token.Kind.END, "", start);
        }
        char ch = text.charAt(position);
        if (ch == '\'') {
            return new Token(Token.Kind.STRING, string(), start);
        }
        if (Character.isDigit(ch) || (ch == '-' && position + 1 < text.length() && Character.isDigit(text.charAt(position + 1)))) {
            position++;
            while (position < text.length() && (Character.isDigit(text.charAt(position)) || ".eE+-".indexOf(text.charAt(position)) >= 0
                && !(text.charAt(position) == '-' && !isExponent(position - 1)))) {
                position++;
            }
            return new Token(Token.Kind.NUMBER, text.substring(start, position), start);
        }
        if (Character.isLetter(ch) || ch == '_' || ch == '$') {
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || "_$-".indexOf(text.charAt(position)) >= 0)) {
                position++;
            }
            return new Token(Token.Kind.WORD, text.substring(start, position), start);
        }
        if (text.startsWith("[[", position)) {
            int end = text.indexOf("]]", position + 2);
            if (end < 0) {
                throw new QueryException("unclosed [[ at offset " + start);
            }
            position = end + 2;
            return new Token(Token.Kind.WORD, text.substring(start + 2, end), start);
        }
        if (position + 1 < text.length() && TWO_CHAR_SYMBOLS.contains(text.substring(position, position + 2))
            && text.substring(position, position + 2).matches("!=|<>|<=|>=")) {
            position += 2;
            return new Token(Token.Kind.SYMBOL, text.substring(start, position), start);
        }
        if ("=<>(),.*".indexOf(ch) >= 0) {
            position++;
            return new Token(Token.Kind.SYMBOL, String.valueOf(ch), start);
        }
        throw new QueryException("unexpected character '" + ch + "' at offset " + start);
    }

    private boolean isExponent(int index) {
        char ch = text.charAt(index);
        return ch == 'e' || ch == 'E';
    }

    private String string() throws QueryException {
        StringBuilder value = new StringBuilder();
        int start = position;
        position++;
        while (position < text.length()) {
            char ch = text.charAt(position++);
            if (ch != '\'') {
                value.append(ch);
            } else if (position < text.length() && text.charAt(position) == '\'') {
                value.append('\'');
                position++;
            } else {
                return value.toString();
            }
        }
        throw new QueryException("unclosed string starting at offset " + start);
    }
}
