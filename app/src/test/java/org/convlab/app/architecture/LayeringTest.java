package org.convlab.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.convlab.algebra.fixture.UsesTensor;
import org.convlab.data.fixture.UsesSimd;
import org.convlab.lab.fixture.WritesItsOwn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build fails when an import breaks the layering of DESIGN.md, reaches into
 * {@code org.convlab.tensor.simd} from outside tensor, or adds a second image writer or JSON mapper. The main classes of every product module
 * are on the app's test class path; the fixtures that prove the rules can fail are test classes
 * and so are left out of the main check.
 *
 * <p>The cycle between {@code tensor.kernels} and {@code tensor.simd} inside tensor is removed
 * by another change and not asserted here.
 */
class LayeringTest {
    private static JavaClasses product;

    /**
     * The product's classes, from target/classes folders or, in {@code mvn verify}, the modules'
     * jars; the app's test classes (the fixtures) are left out.
     */
    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.convlab");
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        for (String module : Layering.MODULES) {
            assertThat(product.containPackage("org.convlab." + module)).as("classes of module %s", module).isTrue();
        }
        assertThat(product.size()).as("product classes").isGreaterThan(300);
    }

    @Test
    void dependenciesPointOneWay() {
        Layering.oneWay().check(product);
    }

    @Test
    void simdIsInternalToTensor() {
        Layering.simdIsInternal().allowEmptyShould(false)
                .because("only tensor wires its SIMD kernels").check(product);
    }

    @Test
    void oneImageWriterAndOneJsonMapper() {
        Layering.oneImageWriter().check(product);
        Layering.oneJsonMapper().check(product);
    }

    @Test
    void aSecondImageWriterOrJsonMapperFails() {
        JavaClasses bad = new ClassFileImporter().importClasses(WritesItsOwn.class);
        assertThatThrownBy(() -> Layering.oneImageWriter().check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("javax.imageio.ImageIO");
        assertThatThrownBy(() -> Layering.oneJsonMapper().check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ObjectMapper");
    }

    @Test
    void aWrongDirectionImportFails() {
        JavaClasses bad = new ClassFileImporter().importClasses(UsesTensor.class);
        assertThatThrownBy(() -> Layering.oneWay().check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("UsesTensor").hasMessageContaining("org.convlab.tensor.Shape");
    }

    @Test
    void aSimdImportFromOutsideTensorFails() {
        JavaClasses bad = new ClassFileImporter().importClasses(UsesSimd.class);
        assertThatThrownBy(() -> Layering.simdIsInternal().check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("UsesSimd").hasMessageContaining("org.convlab.tensor.simd");
    }
}
