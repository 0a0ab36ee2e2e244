package io.burnwatch.dashboards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Writing again removes the dashboard of a service that is gone, and nothing that is not Burnwatch's. */
class DashboardFilesTest {

    @Test
    void aGoneServicesDashboardIsDeletedOthersFilesAreNot(@TempDir Path out) throws Exception {
        Files.createDirectories(out.resolve("dashboards"));
        Files.writeString(out.resolve("dashboards/burnwatch-service-gone.json"), "{}");
        Files.writeString(out.resolve("dashboards/team-dashboard.json"), "{}");
        DashboardFiles.write(out, SampleServices.load(), DashboardFiles.Options.DEFAULT);
        assertThat(out.resolve("dashboards/burnwatch-service-gone.json")).doesNotExist();
        assertThat(out.resolve("dashboards/team-dashboard.json")).exists();
        assertThat(out.resolve("dashboards/burnwatch-service-checkout.json")).exists();
        assertThat(Files.readString(out.resolve("provisioning/datasources/burnwatch.yaml")))
                .contains("dbName: \"burnwatch\"").contains("version: InfluxQL").contains("uid: burnwatch-influxdb");
    }
}
