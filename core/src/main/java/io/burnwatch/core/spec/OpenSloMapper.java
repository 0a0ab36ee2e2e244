package io.burnwatch.core.spec;

import java.util.List;

/** Maps {@code openslo/v1} objects into the model (being written). */
final class OpenSloMapper {

    private OpenSloMapper() {
    }

    static List<MappedService> map(List<OpenSloObject> objects) {
        for (OpenSloObject o : objects) {
            o.problems().error(o.node(), "not supported yet: openslo/v1");
        }
        return List.of();
    }
}
