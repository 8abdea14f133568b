package dev.openmail.domain.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed search: words and phrases that must all occur in a message's document ({@link SearchText}), senders that
 * must all occur in its From address, and the two flags. Made by {@link #parse}, a single left-to-right scan.
 *
 * <p>Syntax: terms separated by white space. A bare term is a word; {@code "quoted words"} is a phrase, matched as
 * consecutive words; {@code from:text} matches when the sender's address contains the text (any case);
 * {@code has:attachment}; {@code is:unread} (the message's thread is unread). Case and punctuation never matter in
 * words and phrases: {@code foo_bar} is the phrase "foo bar". Any other {@code key:value} term is refused, so text
 * with a colon goes in quotes.
 *
 * @param words   single words in the search spelling
 * @param phrases several words in the search spelling, separated by single spaces
 * @param senders lower-cased texts the sender's address must contain
 */
public record SearchQuery(List<String> words, List<String> phrases, List<String> senders, boolean hasAttachment,
                          boolean unread) {

    public static final int MAX_CHARS = 500;
    public static final int MAX_TERMS = 20;
    /** The shortest and longest words the full-text indexes hold (InnoDB's default token sizes). */
    public static final int MIN_INDEXED_LENGTH = 3;
    public static final int MAX_INDEXED_LENGTH = 84;
    /** InnoDB's default stopwords, which its full-text index leaves out. */
    public static final Set<String> COMMON_WORDS = Set.of("a", "about", "an", "are", "as", "at", "be", "by", "com",
            "de", "en", "for", "from", "how", "i", "in", "is", "it", "la", "of", "on", "or", "that", "the", "this",
            "to", "was", "what", "when", "where", "who", "will", "with", "und", "www");
    private static final String OPERATORS = "from:<text>, has:attachment and is:unread";

    public SearchQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        senders = List.copyOf(senders);
    }

    /** Reads a query as the API takes it; refuses an empty, over-long or unknown one with what to do instead. */
    public static SearchQuery parse(String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidSearchQueryException("q is empty: give words, \"a phrase\", from:, has:attachment or"
                    + " is:unread.");
        }
        if (query.length() > MAX_CHARS) {
            throw new InvalidSearchQueryException("q has " + query.length() + " characters; at most " + MAX_CHARS
                    + " are searched.");
        }
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> senders = new ArrayList<>();
        boolean hasAttachment = false;
        boolean unread = false;
        int terms = 0;
        int i = 0;
        int n = query.length();
        while (i < n) {
            if (Character.isWhitespace(query.charAt(i))) {
                i++;
                continue;
            }
            terms++;
            if (terms > MAX_TERMS) {
                throw new InvalidSearchQueryException("q has more than " + MAX_TERMS + " terms; search with fewer.");
            }
            if (query.charAt(i) == '"') {
                int close = query.indexOf('"', i + 1);
                if (close < 0) {
                    throw new InvalidSearchQueryException("q opens a quote at character " + (i + 1)
                            + " and never closes it.");
                }
                addText(query.substring(i + 1, close), words, phrases);
                i = close + 1;
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(query.charAt(end))) {
                end++;
            }
            String term = query.substring(i, end);
            i = end;
            int colon = operatorColon(term);
            if (colon < 0) {
                addText(term, words, phrases);
                continue;
            }
            String key = term.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = term.substring(colon + 1);
            switch (key) {
                case "from" -> {
                    if (value.isEmpty()) {
                        throw new InvalidSearchQueryException("from: needs the address or a part of it, as in"
                                + " from:alice@example.com or from:example.com.");
                    }
                    senders.add(SearchText.sender(value));
                }
                case "has" -> {
                    if (!value.equalsIgnoreCase("attachment")) {
                        throw unknown(key + ":" + value);
                    }
                    hasAttachment = true;
                }
                case "is" -> {
                    if (!value.equalsIgnoreCase("unread")) {
                        throw unknown(key + ":" + value);
                    }
                    unread = true;
                }
                default -> throw unknown(key + ":");
            }
        }
        SearchQuery parsed = new SearchQuery(words, phrases, senders, hasAttachment, unread);
        if (words.isEmpty() && phrases.isEmpty() && senders.isEmpty() && !hasAttachment && !unread) {
            throw new InvalidSearchQueryException("q has no letters or digits to look for.");
        }
        if ((!words.isEmpty() || !phrases.isEmpty()) && parsed.indexedWords().isEmpty()) {
            throw new InvalidSearchQueryException("q needs at least one word of " + MIN_INDEXED_LENGTH + " to "
                    + MAX_INDEXED_LENGTH + " letters or digits that is not a common word such as \"the\" or \"with\":"
                    + " shorter and common words only narrow a search down.");
        }
        return parsed;
    }

    /** Where a term's operator key ends: a colon after one or more ASCII letters; -1 when the term is text. */
    private static int operatorColon(String term) {
        int k = 0;
        while (k < term.length() && isAsciiLetter(term.charAt(k))) {
            k++;
        }
        return k > 0 && k < term.length() && term.charAt(k) == ':' ? k : -1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static void addText(String text, List<String> words, List<String> phrases) {
        String normalized = SearchText.normalized(text);
        if (normalized.isEmpty()) {
            return;
        }
        (normalized.indexOf(' ') < 0 ? words : phrases).add(normalized);
    }

    private static UnknownSearchOperatorException unknown(String operator) {
        return new UnknownSearchOperatorException(operator, "q uses " + operator + ", which is not a search"
                + " operator; the operators are " + OPERATORS + ". Put text with a colon in quotes.");
    }

    /** What must occur in the document, each as a substring: {@code " word "} and {@code " first second "}. */
    public List<String> needles() {
        List<String> needles = new ArrayList<>();
        words.forEach(word -> needles.add(" " + word + " "));
        phrases.forEach(phrase -> needles.add(" " + phrase + " "));
        return needles;
    }

    /**
     * The distinct words of the words and phrases that a full-text index holds: neither shorter nor longer than its
     * token sizes, nor a stopword. Every document that matches the query contains them all.
     */
    public List<String> indexedWords() {
        Set<String> indexed = new LinkedHashSet<>();
        for (String text : words) {
            addIndexed(text, indexed);
        }
        for (String text : phrases) {
            for (String word : text.split(" ")) {
                addIndexed(word, indexed);
            }
        }
        return List.copyOf(indexed);
    }

    private static void addIndexed(String word, Set<String> indexed) {
        int length = word.codePointCount(0, word.length());
        if (length >= MIN_INDEXED_LENGTH && length <= MAX_INDEXED_LENGTH && !COMMON_WORDS.contains(word)) {
            indexed.add(word);
        }
    }

    /** Whether a message with this document, sender, attachments and read mark matches; the stores' predicate. */
    public boolean matches(String document, String sender, boolean withAttachments, boolean threadUnread) {
        Objects.requireNonNull(document);
        Objects.requireNonNull(sender);
        return (!hasAttachment || withAttachments) && (!unread || threadUnread)
                && needles().stream().allMatch(document::contains)
                && senders.stream().allMatch(sender::contains);
    }
}
