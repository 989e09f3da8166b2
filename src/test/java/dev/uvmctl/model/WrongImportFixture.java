package dev.uvmctl.model;

import dev.uvmctl.render.Style;

/** A model class that uses a renderer, as no model class may: LayersTest shows its rules refuse it. */
final class WrongImportFixture {
    private WrongImportFixture() {
    }

    static String styled(Style style) {
        return String.valueOf(style);
    }
}
