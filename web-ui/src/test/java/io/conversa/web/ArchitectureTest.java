package io.conversa.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.base.DescribedPredicate;
import org.springframework.beans.factory.annotation.Autowired;

/** The module arrows of the architecture guide, checked on every build. */
@AnalyzeClasses(packages = "io.conversa", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule sdkDependsOnlyOnTheJdk = classes()
            .that().resideInAPackage("io.conversa.sdk..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.conversa.sdk..",
                    "com.fasterxml.jackson.annotation..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule engineDependsOnlyOnTheSdk = classes()
            .that().resideInAPackage("io.conversa.engine..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.conversa.engine..", "io.conversa.sdk..",
                    "com.fasterxml.jackson.annotation..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule engineReadsNoClock = noClasses()
            .that().resideInAPackage("io.conversa.engine..")
            .should().callMethodWhere(DescribedPredicate.describe("a clock read",
                    (JavaCall<?> call) -> call.getTarget().getName().equals("now")
                            && call.getTargetOwner().getPackageName().equals("java.time")
                            || call.getTargetOwner().isEquivalentTo(System.class)
                            && (call.getTarget().getName().equals("currentTimeMillis")
                            || call.getTarget().getName().equals("nanoTime"))))
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule modulesUseOnlyTheSdk = noClasses()
            .that().resideInAPackage("io.conversa.modules..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..", "jakarta.servlet..",
                    "io.conversa.core..", "io.conversa.web..", "io.conversa.engine..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule libraryModulesAreFreeOfFrameworks = noClasses()
            .that().resideInAnyPackage("io.conversa.sdk..", "io.conversa.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..", "jakarta.servlet..",
                    "io.conversa.core..", "io.conversa.web..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule coreNeverReachesIntoTheUi = noClasses()
            .that().resideInAPackage("io.conversa.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.conversa.web..", "com.vaadin..");

    @ArchTest
    static final ArchRule uiNeverTouchesTheDatabase = noClasses()
            .that().resideInAPackage("io.conversa.web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "io.conversa.core.db.jooq..", "java.sql..");

    @ArchTest
    static final ArchRule noFieldInjection = noFields()
            .should().beAnnotatedWith(Autowired.class)
            .because("dependencies are constructor arguments");
}
