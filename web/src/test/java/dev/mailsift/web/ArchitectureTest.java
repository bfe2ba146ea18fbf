package dev.mailsift.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.conditions.ArchConditions.beEnums;
import static com.tngtech.archunit.lang.conditions.ArchConditions.beRecords;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The modules' dependency directions (docs/architecture.md, "Modules"), checked on the compiled classes. */
class ArchitectureTest {

    private static final String CORE_API = "dev.mailsift.api..";
    private static final String ENGINE = "dev.mailsift.engine..";
    private static final String COMMAND = "dev.mailsift.command..";
    private static final String QUERY = "dev.mailsift.query..";
    private static final String WEB = "dev.mailsift.web..";

    private static JavaClasses mailsift;

    @BeforeAll
    static void importClasses() {
        mailsift = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mailsift");
    }

    @Test
    void theEngineKnowsNothingOfSpringOrAxonOrTheService() {
        ArchRule rule = noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "jakarta.persistence..", CORE_API, COMMAND, QUERY, WEB);
        rule.check(mailsift);
    }

    @Test
    void coreApiHoldsOnlyRecordsAndEnums() {
        ArchRule rule = classes().that().resideInAPackage(CORE_API)
                .and().doNotHaveSimpleName("package-info")
                .should(beRecords().or(beEnums()));
        rule.check(mailsift);
    }

    @Test
    void coreApiDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage(CORE_API)
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE, COMMAND, QUERY, WEB,
                        "org.springframework..")
                .check(mailsift);
    }

    @Test
    void theQuerySideDoesNotDependOnTheCommandSide() {
        noClasses().that().resideInAPackage(QUERY)
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND, WEB, ENGINE)
                .check(mailsift);
    }

    /** Each module's capabilities (and the web's platform) may use one another in one direction only. */
    @Test
    void theCapabilityPackagesOfEachModuleAreFreeOfCycles() {
        for (String module : new String[]{"web", "command", "query"}) {
            slices().matching("dev.mailsift." + module + ".(*)..").should().beFreeOfCycles().check(mailsift);
        }
    }

    @Test
    void theCommandSideDoesNotDependOnTheQuerySideOrTheWeb() {
        noClasses().that().resideInAPackage(COMMAND)
                .should().dependOnClassesThat().resideInAnyPackage(QUERY, WEB)
                .check(mailsift);
    }
}
