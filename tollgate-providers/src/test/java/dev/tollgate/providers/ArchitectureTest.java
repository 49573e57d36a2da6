package dev.tollgate.providers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The adapters are pure transforms: no HTTP client, event loop or socket library may creep in. */
@AnalyzeClasses(packages = "dev.tollgate.providers", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule sansIo = noClasses()
      .that().resideInAPackage("dev.tollgate.providers..")
      .should().dependOnClassesThat()
      .resideInAnyPackage("java.net.http..", "io.vertx..", "io.netty..", "okhttp3..")
      .because("provider adapters build requests and parse replies; a transport does the I/O");
}
