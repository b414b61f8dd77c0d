package org.convlab.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The layering of DESIGN.md as ArchUnit rules: core → algebra → tensor → nn → data → lab → app,
 * each module using only the ones before it, and {@code org.convlab.tensor.simd} internal to
 * tensor.
 */
final class Layering {
    /** The product's modules in order: each may depend only on the ones before it. */
    static final List<String> MODULES = List.of("core", "algebra", "tensor", "nn", "data", "lab", "app");

    private Layering() {
    }

    /** The package pattern of a module, e.g. {@code org.convlab.nn..}. */
    static String packages(String module) {
        return "org.convlab." + module + "..";
    }

    /** No module depends on a module after it in {@link #MODULES}. */
    static ArchRule oneWay() {
        List<ArchRule> rules = new ArrayList<>();
        for (int i = 0; i < MODULES.size() - 1; i++) {
            List<String> later = MODULES.subList(i + 1, MODULES.size());
            rules.add(noClasses().that().resideInAPackage(packages(MODULES.get(i)))
                    .should().dependOnClassesThat().resideInAnyPackage(later.stream().map(Layering::packages)
                            .toArray(String[]::new))
                    .as("module " + MODULES.get(i) + " uses none of " + later)
                    .allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules).as("the layering " + String.join(" -> ", MODULES));
    }

    /** Only data's ImageFiles encodes images: one way to write PNG and GIF for app, lab and data. */
    static ArchRule oneImageWriter() {
        return noClasses().that().resideOutsideOfPackage("org.convlab.data.image..")
                .should().dependOnClassesThat().resideInAPackage("javax.imageio..")
                .as("only org.convlab.data.image uses ImageIO");
    }

    /** Only LabJson makes a Jackson mapper: one JSON convention for every output. */
    static ArchRule oneJsonMapper() {
        return noClasses().that().doNotHaveFullyQualifiedName("org.convlab.lab.reporting.LabJson")
                .should().callConstructor("com.fasterxml.jackson.databind.ObjectMapper")
                .as("only LabJson creates an ObjectMapper");
    }

    /** Nothing outside tensor uses the SIMD kernels directly: they are reached through tensor's kernels. */
    static ArchRule simdIsInternal() {
        return noClasses().that().resideOutsideOfPackage(packages("tensor"))
                .should().dependOnClassesThat().resideInAPackage("org.convlab.tensor.simd..")
                .as("org.convlab.tensor.simd is used only inside tensor");
    }
}
