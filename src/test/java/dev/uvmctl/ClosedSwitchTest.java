package dev.uvmctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * A {@code switch} over an enum or a sealed type is a switch expression that names every case and has
 * no {@code default}, so the compiler reports the switch that a new constant or record leaves out
 * (docs/architecture.md): javac checks a switch expression for every case, never a switch statement.
 * The sources are attributed by javac itself, so the selector's type is the compiler's, not a guess
 * from the labels: a {@code default} or a statement over a String, a number or a char is allowed
 * (their values cannot be listed) and needs no allow-list.
 */
class ClosedSwitchTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path FIXTURES = Path.of("src/test/resources/architecture/closed-switch");
    /** Only the files with a switch are attributed; the others come from the class path. */
    private static final Pattern SWITCH = Pattern.compile("\\bswitch\\s*\\(");

    @Test
    void everySwitchOverAnEnumOrASealedTypeIsAnExpressionWithoutDefault() throws IOException {
        assertThat(uncheckedSwitches(MAIN)).isEmpty();
    }

    @Test
    void findsTheUncheckedSwitchesOfTheFixtureAndOnlyThose() throws IOException {
        assertThat(uncheckedSwitches(FIXTURES)).containsExactlyInAnyOrder(
            "Fixture.java:10: a switch statement over the enum fixture.Fixture.Colour",
            "Fixture.java:13: default in a switch over the enum fixture.Fixture.Colour",
            "Fixture.java:21: default in a switch over the enum fixture.Fixture.Colour",
            "Fixture.java:36: default in a switch over the enum java.util.concurrent.TimeUnit",
            "Fixture.java:41: a switch statement over the enum fixture.Fixture.Colour");
    }

    /**
     * "File.java:line: ..." for each switch statement, and each default label of a switch, whose
     * selector is an enum or a sealed type.
     */
    static List<String> uncheckedSwitches(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".java")).filter(ClosedSwitchTest::hasSwitch).sorted()
                .collect(Collectors.toList());
        }
        if (files.isEmpty()) {
            return List.of();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> found = new ArrayList<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-proc:none", "--release", "17",
                "-classpath", System.getProperty("java.class.path"), "-sourcepath", root.toString());
            JavacTask task = (JavacTask) compiler.getTask(new StringWriter(), fm, diagnostics, options, null,
                fm.getJavaFileObjectsFromPaths(files));
            Iterable<? extends CompilationUnitTree> units = task.parse();
            task.analyze();
            List<String> errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(null)).collect(Collectors.toList());
            assertThat(errors).as("the sources must attribute, or a selector's type is unknown").isEmpty();
            Trees trees = Trees.instance(task);
            for (CompilationUnitTree unit : units) {
                new Scanner(trees, unit, found).scan(unit, null);
            }
        }
        return found;
    }

    private static boolean hasSwitch(Path p) {
        try {
            return SWITCH.matcher(Files.readString(p)).find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final Trees trees;
        private final CompilationUnitTree unit;
        private final List<String> found;

        Scanner(Trees trees, CompilationUnitTree unit, List<String> found) {
            this.trees = trees;
            this.unit = unit;
            this.found = found;
        }

        @Override
        public Void visitSwitch(SwitchTree node, Void unused) {
            String closed = check(node.getExpression(), node.getCases());
            if (closed != null) {
                found.add(at(node) + ": a switch statement over the " + closed);
            }
            return super.visitSwitch(node, unused);
        }

        @Override
        public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
            check(node.getExpression(), node.getCases());
            return super.visitSwitchExpression(node, unused);
        }

        /** Adds the default labels of a switch over a closed type; returns that type, or null for any other. */
        private String check(ExpressionTree selector, List<? extends CaseTree> cases) {
            String closed = closedType(trees.getTypeMirror(new TreePath(getCurrentPath(), selector)));
            if (closed == null) {
                return null;
            }
            for (CaseTree c : cases) {
                if (c.getExpressions().isEmpty()) { // Java 17: a case without expressions is the default
                    found.add(at(c) + ": default in a switch over the " + closed);
                }
            }
            return closed;
        }

        private String at(Tree t) {
            long line = unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, t));
            return Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line;
        }
    }

    /** "enum a.B" or "sealed a.C" for the types whose values the compiler can enumerate, else null. */
    private static String closedType(TypeMirror type) {
        if (type == null || type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        Element e = ((DeclaredType) type).asElement();
        if (e.getKind() == ElementKind.ENUM) {
            return "enum " + e;
        }
        if (e.getModifiers().contains(Modifier.SEALED)) {
            return "sealed " + e;
        }
        return null;
    }
}
