package dev.openmail.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.openmail.adapters.rest.error.ErrorCatalogue;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.DomainException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dependency rules of the hexagon (ARCHITECTURE.md, conventions 3, 4 and 8), checked over the main code of every
 * module. Classes are imported by package rather than by location because {@code mvn test} puts the sibling modules on
 * the classpath as class folders and {@code mvn verify} as jars; both must see the same classes.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.openmail";
    private static final String DOMAIN = "dev.openmail.domain..";
    private static final String APPLICATION = "dev.openmail.application..";
    private static final String ADAPTERS = "dev.openmail.adapters..";
    private static final String BOOTSTRAP = "dev.openmail.bootstrap..";
    private static final String PERSISTENCE_SHARED = "dev.openmail.adapters.persistence";
    private static final String PERSISTENCE_REPOSITORY = "dev.openmail.adapters.persistence.repository..";
    private static final String PERSISTENCE_JDBC = "dev.openmail.adapters.persistence.jdbc..";

    private static final List<String> FRAMEWORK_PACKAGES = List.of("io.micronaut", "jakarta", "javax");

    /**
     * Shared test fixtures reach bootstrap as {@code -tests.jar} artifacts, which DO_NOT_INCLUDE_TESTS does not
     * recognise (it only knows test class folders). They are test code and not subject to the main code's rules.
     */
    private static final ImportOption DO_NOT_INCLUDE_TEST_JARS = location -> !location.contains("-tests.jar");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainCode() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(DO_NOT_INCLUDE_TEST_JARS)
                .importPackages(ROOT);
    }

    @ParameterizedTest(name = "{0} holds classes")
    @ValueSource(strings = {DOMAIN, APPLICATION, "dev.openmail.adapters.rest..", PERSISTENCE_SHARED, PERSISTENCE_REPOSITORY, PERSISTENCE_JDBC,
            "dev.openmail.adapters.mime..", "dev.openmail.adapters.smtpin..", "dev.openmail.adapters.smtpout..", "dev.openmail.adapters.console..",
            "dev.openmail.adapters.webhook..", "dev.openmail.adapters.rspamd..", "dev.openmail.adapters.extract..", BOOTSTRAP})
    void everyPackageTheRulesNameHoldsClasses(String packageIdentifier) {
        assertTrue(classes.stream().anyMatch(resideInAPackage(packageIdentifier)),
                () -> "No main class was imported from " + packageIdentifier + ", so every rule naming it would pass "
                        + "without checking anything. Was the package renamed, or did bootstrap lose its dependency "
                        + "on the module? Imported " + classes.size() + " classes.");
    }

    @Test
    void everyClassBelongsToALayer() {
        classes().should().resideInAnyPackage(DOMAIN, APPLICATION, "dev.openmail.adapters.*..", BOOTSTRAP)
                .because("a class outside the known layers would escape every other rule here")
                .check(classes);
    }

    @Test
    void domainDependsOnlyOnTheJdk() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax.crypto..", DOMAIN)
                .because("the domain is plain Java (convention 8); javax.crypto, the JDK's own HMAC, signs webhooks")
                .check(classes);
    }

    @Test
    void applicationDependsOnlyOnTheDomainAndTheJdk() {
        noClasses().that().resideInAPackage(APPLICATION)
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", DOMAIN, APPLICATION)
                .because("use cases are written against the domain's ports only (convention 8)")
                .check(classes);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        slices().matching("dev.openmail.adapters.(*)..").namingSlices("adapter $1")
                .should().notDependOnEachOther()
                .because("each adapter talks to the rest of the system only through the domain's ports (convention 8)")
                .check(classes);
    }

    /**
     * Apache Tika, PDFBox and POI run only in the extraction worker processes: outside the classes the worker runs,
     * nothing refers to them, so the server never loads them (nor parses an attachment in its own heap).
     */
    @Test
    void onlyTheExtractionWorkerUsesTheParsers() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.openmail.adapters.extract.TikaTextReader")
                .and().doNotHaveFullyQualifiedName("dev.openmail.adapters.extract.ExtractionWorkerMain")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.tika..", "org.apache.pdfbox..",
                        "org.apache.poi..", "org.apache.commons.compress..")
                .because("attachments are parsed in child JVMs (TikaProcessExtractor), never in the server's heap")
                .check(classes);
    }

    /**
     * The persistence adapter's two kinds of store, over Micronaut Data repositories and over hand-written SQL, stand
     * on their own; what both need (transactions, SQL errors, how times are stored) is in the adapter's root package.
     */
    @Test
    void theTwoKindsOfPersistenceStoreDoNotDependOnEachOther() {
        slices().matching("dev.openmail.adapters.persistence.(*)..").namingSlices("persistence $1")
                .should().notDependOnEachOther()
                .because("a store is either over repositories or over hand-written SQL, and shares only the root package")
                .check(classes);
        noClasses().that().resideInAPackage(PERSISTENCE_SHARED)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_REPOSITORY, PERSISTENCE_JDBC)
                .because("the shared pieces serve both kinds of store and belong to neither")
                .check(classes);
    }

    @Test
    void adaptersDoNotDependOnTheApplication() {
        noClasses().that().resideInAPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAPackage(APPLICATION)
                .because("adapters reach use cases through the incoming port interfaces in the domain")
                .check(classes);
    }

    @Test
    void nothingDependsOnBootstrap() {
        noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
                .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
                .because("bootstrap wires everything together and is the outermost layer (convention 8)")
                .check(classes);
    }

    @Test
    void useCasesCarryNoFrameworkAnnotations() {
        classes().that().resideInAPackage(APPLICATION)
                .should(carryNoAnnotationFrom(FRAMEWORK_PACKAGES))
                .because("use cases are plain classes that bootstrap's @Factory builds (convention 3)")
                .check(classes);
    }

    @Test
    void everyDomainFailureHasAnHttpMapping() {
        List<JavaClass> failures = classes.stream()
                .filter(type -> type.isAssignableTo(DomainException.class))
                .filter(type -> !type.isInterface() && !type.getModifiers().contains(JavaModifier.ABSTRACT))
                .toList();
        assertFalse(failures.isEmpty(), "no concrete subclass of DomainException was imported");

        String unmapped = failures.stream()
                .filter(type -> ErrorCatalogue.entryOf(type.reflect().asSubclass(DomainException.class)).isEmpty())
                .map(JavaClass::getName)
                .sorted()
                .collect(joining("\n  "));
        assertTrue(unmapped.isEmpty(), () -> "These domain failures have no entry in ErrorCatalogue and would reach "
                + "the client as a 500 (convention 4):\n  " + unmapped);
    }

    /**
     * Every use case an API key can reach receives the caller (directly, or in its command), so that it can ask the
     * access policy. Only the operator's use cases and authentication itself run without an API key's caller.
     */
    @Test
    void everyUseCaseOfTheApiTakesTheCaller() {
        List<JavaClass> useCases = apiUseCases();
        assertTrue(useCases.size() >= 19, () -> "only " + useCases.size() + " use cases of the API were found");
        String offenders = useCases.stream()
                .flatMap(port -> port.getMethods().stream())
                .filter(method -> method.getModifiers().contains(JavaModifier.ABSTRACT))
                .filter(method -> method.getRawParameterTypes().stream().noneMatch(ArchitectureTest::isOrCarriesCaller))
                .map(JavaMethod::getFullName)
                .sorted()
                .collect(joining("\n  "));
        assertTrue(offenders.isEmpty(), () -> "These use-case methods cannot know who is calling, so no access check "
                + "could apply to them; take a Caller (or a command holding one):\n  " + offenders);
    }

    /**
     * A use case that takes the caller must also ask the access policy, through the application's {@code Access}.
     * Together with the rule above, a new endpoint cannot reach data without its key's scope being checked.
     */
    @Test
    void everyUseCaseOfTheApiChecksAccess() {
        List<JavaClass> useCases = apiUseCases();
        List<JavaClass> implementations = classes.stream()
                .filter(type -> type.getPackageName().startsWith("dev.openmail.application"))
                .filter(type -> useCases.stream().anyMatch(port -> type.isAssignableTo(port.getName())))
                .toList();
        assertTrue(implementations.size() >= useCases.size(), "every use case of the API has an implementation");
        String unchecked = implementations.stream()
                .filter(type -> type.getMethodCallsFromSelf().stream()
                        .noneMatch(call -> call.getTargetOwner().getName().equals(ACCESS)))
                .map(JavaClass::getName)
                .sorted()
                .collect(joining("\n  "));
        assertTrue(unchecked.isEmpty(), () -> "These use cases never call " + ACCESS + ", so a scoped key would "
                + "reach everything they touch:\n  " + unchecked);
    }

    private static final String ACCESS = "dev.openmail.application.access.Access";

    /**
     * The use cases that run without an API key's caller: the operator's, authentication, SMTP delivery, and a server
     * process following the event log for its WebSocket connections, and a one-click unsubscribe (its link is sealed).
     */
    private static final Set<String> WITHOUT_API_CALLER = Set.of(
            "dev.openmail.domain.port.in.AuthenticateApiKey",
            "dev.openmail.domain.port.in.EnsureBootstrapAccount",
            "dev.openmail.domain.port.in.OpenAccount",
            "dev.openmail.domain.port.in.ListAccounts",
            "dev.openmail.domain.port.in.UpdateAccount",
            "dev.openmail.domain.port.in.ManageSendLimits",
            "dev.openmail.domain.port.in.ReceiveMail",
            "dev.openmail.domain.port.in.DeliverOutbox",
            "dev.openmail.domain.port.in.DeliverWebhooks",
            "dev.openmail.domain.port.in.ExpirePendingDomains",
            "dev.openmail.domain.port.in.FollowEventLog",
            "dev.openmail.domain.port.in.ExtractAttachments",
            "dev.openmail.domain.port.in.Unsubscribe");

    private static List<JavaClass> apiUseCases() {
        return classes.stream()
                .filter(type -> type.getPackageName().equals("dev.openmail.domain.port.in") && type.isInterface())
                .filter(type -> !WITHOUT_API_CALLER.contains(type.getName()))
                .toList();
    }

    private static boolean isOrCarriesCaller(JavaClass type) {
        return type.isEquivalentTo(Caller.class)
                || type.getAllFields().stream().anyMatch(field -> field.getRawType().isEquivalentTo(Caller.class));
    }

    /** Looks at the annotations of the class, of its fields, methods and constructors, and of their parameters. */
    private static ArchCondition<JavaClass> carryNoAnnotationFrom(List<String> packages) {
        return new ArchCondition<>("carry no annotation from " + String.join(", ", packages)) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> offences = new ArrayList<>();
                type.getAnnotations().stream()
                        .filter(annotation -> fromAnyOf(annotation, packages))
                        .forEach(annotation -> offences.add(describe(annotation, type.getName())));
                for (JavaMember member : type.getMembers()) {
                    member.getAnnotations().stream()
                            .filter(annotation -> fromAnyOf(annotation, packages))
                            .forEach(annotation -> offences.add(describe(annotation, member.getFullName())));
                }
                for (JavaCodeUnit codeUnit : type.getCodeUnits()) {
                    for (JavaParameter parameter : codeUnit.getParameters()) {
                        parameter.getAnnotations().stream()
                                .filter(annotation -> fromAnyOf(annotation, packages))
                                .forEach(annotation -> offences.add(describe(annotation,
                                        "parameter " + parameter.getIndex() + " of " + codeUnit.getFullName())));
                    }
                }
                offences.forEach(offence -> events.add(SimpleConditionEvent.violated(type, offence)));
                if (offences.isEmpty()) {
                    events.add(SimpleConditionEvent.satisfied(type, type.getName() + " carries no framework annotation"));
                }
            }
        };
    }

    private static boolean fromAnyOf(JavaAnnotation<?> annotation, List<String> packages) {
        String packageName = annotation.getRawType().getPackageName();
        return packages.stream().anyMatch(prefix -> packageName.equals(prefix) || packageName.startsWith(prefix + "."));
    }

    private static String describe(JavaAnnotation<?> annotation, String target) {
        return "@" + annotation.getRawType().getName() + " on " + target;
    }
}
