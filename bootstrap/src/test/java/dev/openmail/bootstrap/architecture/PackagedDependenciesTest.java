package dev.openmail.bootstrap.architecture;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server jar holds what the adapters need at run time. Maven settles a dependency's scope by the nearest
 * declaration: a library that an adapter uses at compile scope, declared again in bootstrap with {@code test} scope
 * (say, to check something in a system test), is left out of the packaged jar, while every test still passes on the
 * test class path. The server then fails only when that code first runs (this happened with the DKIM library: every
 * signed send answered 500). So bootstrap declares no test-scoped jar that another module needs at compile or run time.
 */
class PackagedDependenciesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bootstrapNarrowsNoDependencyThatAnAdapterNeedsAtRunTimeToTests() throws Exception {
        Set<String> neededAtRunTime = new TreeSet<>();
        List<String> modules = childTexts(read(ROOT.resolve("pom.xml")), "modules", "module");
        assertFalse(modules.isEmpty(), "no modules found in " + ROOT.resolve("pom.xml"));
        for (String module : modules) {
            if (!module.equals("bootstrap")) {
                for (Element dependency : dependencies(read(ROOT.resolve(module).resolve("pom.xml")))) {
                    String scope = text(dependency, "scope");
                    if (isPlainJar(dependency) && !scope.equals("test") && !scope.equals("provided")) {
                        neededAtRunTime.add(coordinates(dependency));
                    }
                }
            }
        }

        Set<String> narrowed = new TreeSet<>();
        for (Element dependency : dependencies(read(ROOT.resolve("bootstrap").resolve("pom.xml")))) {
            if (isPlainJar(dependency) && text(dependency, "scope").equals("test")
                    && neededAtRunTime.contains(coordinates(dependency))) {
                narrowed.add(coordinates(dependency));
            }
        }

        assertEquals(Set.of(), narrowed, "bootstrap/pom.xml declares these with <scope>test</scope>, which leaves them"
                + " out of the server jar although adapters need them at run time; drop the declaration (tests get"
                + " them through the adapter) or give it the adapter's scope");
    }

    private static Document read(Path pom) throws Exception {
        assertTrue(Files.isRegularFile(pom), "missing " + pom);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The project's own dependencies: not those of dependencyManagement or of plugins. */
    private static List<Element> dependencies(Document pom) {
        List<Element> found = new ArrayList<>();
        for (Element list : children(pom.getDocumentElement(), "dependencies")) {
            found.addAll(children(list, "dependency"));
        }
        return found;
    }

    private static List<String> childTexts(Document pom, String list, String item) {
        List<String> texts = new ArrayList<>();
        for (Element parent : children(pom.getDocumentElement(), list)) {
            for (Element child : children(parent, item)) {
                texts.add(child.getTextContent().trim());
            }
        }
        return texts;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    private static boolean isPlainJar(Element dependency) {
        String type = text(dependency, "type");
        return (type.isEmpty() || type.equals("jar")) && text(dependency, "classifier").isEmpty();
    }

    private static String coordinates(Element dependency) {
        return text(dependency, "groupId") + ":" + text(dependency, "artifactId");
    }
}
