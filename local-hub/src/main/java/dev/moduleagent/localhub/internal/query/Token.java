package dev.moduleagent.localhub.internal.query;

/** One lexical token of a query, with its offset for error messages. */
record Token(Kind kind, String text, int offset) {

    enum Kind { WORD, STRING, NUMBER, SYMBOL, END }

    boolean is(Kind wanted, String value) {
        return kind == wanted && text.equalsIgnoreCase(value);
    }

    boolean isKeyword(String keyword) {
        return is(Kind.WORD, keyword);
    }

    boolean isSymbol(String symbol) {
        return is(Kind.SYMBOL, symbol);
    }
}
