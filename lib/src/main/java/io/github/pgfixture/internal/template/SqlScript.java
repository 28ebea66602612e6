package io.github.pgfixture.internal.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A SQL script cut into statements the way psql cuts it: at semicolons outside quotes ({@code '…'},
 * {@code E'…'}, {@code "…"}, {@code $tag$…$tag$}), comments ({@code --}, nested {@code /* *}{@code /}),
 * parentheses, and the {@code BEGIN ATOMIC … END} body of a {@code CREATE FUNCTION} or
 * {@code CREATE PROCEDURE} (psql's heuristic: {@code BEGIN} and, inside it, {@code CASE} open a
 * block that {@code END} closes). Used to say where a failing script failed, so a cut in the wrong
 * place costs only the location in a message, never a migration.
 */
final class SqlScript {

    /**
     * One statement.
     *
     * @param offset where it starts in the script (its first character that is neither blank nor comment)
     * @param line   the line it starts on, from 1
     * @param text   from {@code offset} up to, not including, its semicolon
     */
    record Statement(int offset, int line, String text) {
    }

    private final String script;
    private final int[] lineStarts;

    private SqlScript(String script) {
        this.script = script;
        this.lineStarts = lineStarts(script);
    }

    static SqlScript of(String script) {
        return new SqlScript(script);
    }

    /** The line (from 1) of the character at {@code offset}. */
    int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** The column (from 1, in code points) of the character at {@code offset}. */
    int columnOf(int offset) {
        int start = lineStarts[lineOf(offset) - 1];
        return script.codePointCount(start, offset) + 1;
    }

    /** The statements, in order; blank stretches and comments between them are no statements. */
    List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        int start = -1; // first significant character of the statement being read
        int parens = 0;
        int blocks = 0;
        List<String> words = new ArrayList<>(); // the statement's first words, lower case, up to 4
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            int end;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                end = script.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                continue;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                i = blockCommentEnd(i);
                continue;
            }
            if (start < 0) {
                start = i;
            }
            if (c == ';' && parens == 0 && blocks == 0) {
                statements.add(statement(start, i));
                start = -1;
                words.clear();
                i++;
            } else if (c == '\'') {
                i = quoteEnd(i + 1, '\'', isEscapeString(i));
            } else if (c == '"') {
                i = quoteEnd(i + 1, '"', false);
            } else if (c == '$' && dollarTag(i) != null) {
                String tag = dollarTag(i);
                int close = script.indexOf(tag, i + tag.length());
                i = close < 0 ? n : close + tag.length();
            } else if (c == '(' || c == ')') {
                parens = Math.max(0, parens + (c == '(' ? 1 : -1));
                i++;
            } else if (isIdentifierStart(c)) {
                end = i;
                while (end < n && isIdentifierPart(script.charAt(end))) {
                    end++;
                }
                String word = script.substring(i, end).toLowerCase(Locale.ROOT);
                if (words.size() < 4) {
                    words.add(word);
                }
                if (parens == 0 && definesRoutine(words)) {
                    if (word.equals("begin") || (word.equals("case") && blocks > 0)) {
                        blocks++;
                    } else if (word.equals("end") && blocks > 0) {
                        blocks--;
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            statements.add(statement(start, n));
        }
        return statements;
    }

    private Statement statement(int start, int end) {
        return new Statement(start, lineOf(start), script.substring(start, end));
    }

    /** CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
    private static boolean definesRoutine(List<String> words) {
        if (words.size() < 2 || !words.get(0).equals("create")) {
            return false;
        }
        int kind = words.get(1).equals("or") && words.size() >= 4 && words.get(2).equals("replace") ? 3 : 1;
        return kind < words.size() && (words.get(kind).equals("function") || words.get(kind).equals("procedure"));
    }

    /** After the closing quote; a doubled quote is part of the text, and in an E'' string so is \'. */
    private int quoteEnd(int i, char quote, boolean backslashEscapes) {
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && script.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** E'…' or e'…', where the E is not the end of a longer word. */
    private boolean isEscapeString(int quote) {
        if (quote == 0 || Character.toLowerCase(script.charAt(quote - 1)) != 'e') {
            return false;
        }
        return quote == 1 || !isIdentifierPart(script.charAt(quote - 2));
    }

    /** The {@code $tag$} that opens a dollar-quoted string at {@code i}, or null ($1 or a$b$ are none). */
    private String dollarTag(int i) {
        if (i > 0 && isIdentifierPart(script.charAt(i - 1))) {
            return null;
        }
        int end = i + 1;
        while (end < script.length() && script.charAt(end) != '$') {
            char c = script.charAt(end);
            if (!(end == i + 1 ? isIdentifierStart(c) : isIdentifierPart(c) && c != '$')) {
                return null;
            }
            end++;
        }
        return end < script.length() ? script.substring(i, end + 1) : null;
    }

    /** After the end of the (possibly nested) block comment that starts at {@code i}. */
    private int blockCommentEnd(int i) {
        int depth = 0;
        int n = script.length();
        while (i < n) {
            if (script.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (script.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int[] lineStarts(String script) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < script.length(); i++) {
            if (script.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
