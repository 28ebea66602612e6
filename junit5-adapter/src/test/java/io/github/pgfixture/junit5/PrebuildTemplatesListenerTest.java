package io.github.pgfixture.junit5;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.TemplateSetup;
import io.github.pgfixture.junit5.internal.PrebuildTemplatesListener;
import io.github.pgfixture.junit5.internal.TemplateResolution;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import javax.sql.DataSource;
import java.util.List;

import static io.github.pgfixture.junit5.Fixtures.record;
import static io.github.pgfixture.junit5.Fixtures.recordedNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The listener that builds the run's templates before the first test starts. */
class PrebuildTemplatesListenerTest {

    @Test
    void launcherRun_templatesBuiltByTheListenerBeforeTheTests_onceEach() throws Exception {
        Fixtures.clear();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Prebuilt.class), selectClass(AlsoPrebuilt.class)).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();

        // LauncherFactory loads PrebuildTemplatesListener from META-INF/services, as in any real run.
        LauncherFactory.create().execute(request, summary);

        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(3);
        assertThat(summary.getSummary().getTestsFailedCount()).isZero();
        List<String> builders = recordedNames("built-by");
        assertThat(builders).as("threads that ran the setups").hasSize(2).allMatch(t -> t.startsWith("pgfixture-prebuild-"));
        assertThat(recordedNames("test")).hasSize(3);
        dropTemplate(Prebuilt.class);
        dropTemplate(AlsoPrebuilt.class);
    }

    @Test
    void switchedOff_nothingBuiltBeforehand() throws Exception {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(NotPrebuilt.class))
                .configurationParameter(TempDatabase.PREBUILD_TEMPLATES, "false").build());

        new PrebuildTemplatesListener().testPlanExecutionStarted(plan);

        assertThat(SharedCluster.get().databaseExists(templateOf(NotPrebuilt.class))).isFalse();
    }

    @Test
    void classWithoutTempDatabase_nothingBuilt_noFailure() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(NoDatabase.class)).build());

        new PrebuildTemplatesListener().testPlanExecutionStarted(plan);
    }

    @Test
    void invalidSetting_listenerDoesNotThrow() throws Exception {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(NotPrebuilt.class))
                .configurationParameter(TempDatabase.PREBUILD_TEMPLATES, "perhaps").build());

        new PrebuildTemplatesListener().testPlanExecutionStarted(plan);

        assertThat(SharedCluster.get().databaseExists(templateOf(NotPrebuilt.class))).isFalse();
    }

    private static String templateOf(Class<?> fixture) throws Exception {
        TempDatabase annotation = fixture.getDeclaredField("db").getAnnotation(TempDatabase.class);
        return TemplateResolution.resolve(annotation, fixture, "test").name();
    }

    private static void dropTemplate(Class<?> fixture) throws Exception {
        SharedCluster.get().forceDropDatabase(templateOf(fixture));
    }

    // ---- fixtures ----

    static class RecordsItsThread implements TemplateSetup {
        @Override
        public void setUp(DataSource template) {
            record("built-by", Thread.currentThread().getName());
        }
    }

    static class AlsoRecordsItsThread extends RecordsItsThread {
    }

    static class Prebuilt {
        @TempDatabase(setup = RecordsItsThread.class, version = "prebuild")
        DataSource db;

        @Test
        void one() {
            record("test", "one");
        }

        @Test
        void two() {
            record("test", "two");
        }
    }

    static class AlsoPrebuilt {
        @TempDatabase(setup = AlsoRecordsItsThread.class, version = "prebuild")
        DataSource db;

        @Test
        void three() {
            record("test", "three");
        }
    }

    static class NeverBuilt implements TemplateSetup {
        @Override
        public void setUp(DataSource template) {
        }
    }

    static class NotPrebuilt {
        @TempDatabase(setup = NeverBuilt.class, version = "off")
        DataSource db;

        @Test
        void test() {
        }
    }

    static class NoDatabase {
        @Test
        void test() {
        }
    }
}
