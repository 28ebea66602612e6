package io.github.pgfixture.examples;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps the documentation honest: every {@code java} code block in README.md and docs/*.md must be
 * quoted from code compiled and run in this folder (docs/examples and the modules below it).
 *
 * <p>A block matches a source file when its lines occur there in the same order and, between two
 * elisions, one after the other. An elision is a line of the block that contains {@code ...}: it
 * stands for code left out. Lines are compared with their whitespace collapsed, so indentation may
 * differ.
 */
class DocumentationSnippetsTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath();
    private static final Path DOCS = EXAMPLES.getParent();
    private static final Path ROOT = DOCS.getParent();

    @TestFactory
    Stream<DynamicTest> everyJavaBlockInTheDocs_isQuotedFromCompiledExampleCode() throws IOException {
        List<List<String>> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/"))
                    .forEach(f -> sources.add(normalized(read(f))));
        }
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path document : documents) {
            List<List<String>> blocks = javaBlocks(read(document));
            for (int i = 0; i < blocks.size(); i++) {
                List<String> block = blocks.get(i);
                String name = ROOT.relativize(document) + " java block " + (i + 1) + ": " + block.get(0).strip();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    if (sources.stream().noneMatch(source -> quotes(source, block))) {
                        fail("This block of %s is not quoted from any .java file under docs/examples; "
                                + "change the docs or the example so they agree:%n%s", document, String.join("\n", block));
                    }
                }));
            }
        }
        assertThat(tests).as("java blocks found in the docs").isNotEmpty();
        return tests.stream();
    }

    /** The lines of each block fenced with {@code ```java}. */
    static List<List<String>> javaBlocks(List<String> markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : markdown) {
            String fence = line.strip();
            if (current == null && fence.equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && fence.startsWith("```")) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                }
                current = null;
            } else if (current != null && !line.isBlank()) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** True if the block's runs of lines (split at elisions) occur in {@code source} in order. */
    static boolean quotes(List<String> source, List<String> block) {
        int from = 0;
        for (List<String> run : runs(normalized(block))) {
            int at = indexOf(source, run, from);
            if (at < 0) {
                return false;
            }
            from = at + run.size();
        }
        return true;
    }

    private static List<List<String>> runs(List<String> block) {
        List<List<String>> runs = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : block) {
            if (line.contains("...")) {
                if (!run.isEmpty()) {
                    runs.add(run);
                }
                run = new ArrayList<>();
            } else {
                run.add(line);
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static int indexOf(List<String> source, List<String> run, int from) {
        for (int i = from; i + run.size() <= source.size(); i++) {
            if (source.subList(i, i + run.size()).equals(run)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> normalized(List<String> lines) {
        return lines.stream().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
