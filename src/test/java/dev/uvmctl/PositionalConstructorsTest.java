package dev.uvmctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No positional constructor of {@value #MOST} or more arguments is called from outside its type
 * (docs/architecture.md): a call of that many arguments cannot be read, and two arguments of one
 * type swapped still compile. A record that has that many components is made through its nested
 * {@code Builder}, whose setters name them; its canonical constructor is called only by the builder
 * and by the type's own copies. Checked on the compiled classes, main and test.
 */
class PositionalConstructorsTest {
    private static final int MOST = 13;

    @Test
    void aConstructorOfThirteenArgumentsOrMoreIsCalledOnlyFromItsOwnTypeAndHasABuilder() {
        JavaClasses classes = new ClassFileImporter().importPackages("dev.uvmctl");
        assertThat(classes.size()).as("classes imported").isGreaterThan(300);
        List<String> broken = new ArrayList<>();
        for (JavaClass c : classes) {
            if (c.getSource().map(s -> s.getUri().toString().contains("/test-classes/")).orElse(false)) {
                continue; // a test's own helper types are not the project's types
            }
            for (JavaConstructor k : c.getConstructors()) {
                if (k.getRawParameterTypes().size() < MOST) {
                    continue;
                }
                if (!classes.contain(c.getName() + "$Builder")) {
                    broken.add(k.getFullName() + " has " + k.getRawParameterTypes().size() + " parameters and its type no Builder");
                }
                for (JavaConstructorCall call : k.getCallsOfSelf()) {
                    String from = call.getOriginOwner().getName();
                    if (!from.equals(c.getName()) && !from.startsWith(c.getName() + "$")) {
                        broken.add(call.getDescription());
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }
}
