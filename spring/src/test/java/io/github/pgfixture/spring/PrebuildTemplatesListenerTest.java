package io.github.pgfixture.spring;

import io.github.pgfixture.SharedCluster;
import io.github.pgfixture.spring.fixtures.PrebuiltNotes;
import io.github.pgfixture.support.AdapterSettings;
import io.github.pgfixture.support.TemplatePrebuild;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The launcher listener that builds the Spring test classes' templates before the first test starts. */
class PrebuildTemplatesListenerTest extends FixtureRun {

    private final String template = TemplateAttributes.of(
            TempDatabaseContextCustomizerFactory.find(PrebuiltNotes.class), PrebuiltNotes.class).resolve().name();

    @BeforeEach
    @AfterEach
    void noTemplate() {
        if (SharedCluster.get().databaseExists(template)) {
            SharedCluster.get().forceDropDatabase(template);
        }
        PrebuiltNotes.BUILT_BY.clear();
    }

    @Test
    void launcherRun_templateExistsBeforeTheTestClassStarts_builtByThePrebuild() {
        List<Boolean> templateAtClassStart = new CopyOnWriteArrayList<>();
        TestExecutionListener atClassStart = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier identifier) {
                if (identifier.getSource().orElse(null) instanceof ClassSource source
                        && source.getJavaClass() == PrebuiltNotes.class) {
                    templateAtClassStart.add(SharedCluster.get().databaseExists(template));
                }
            }
        };
        SummaryGeneratingListener summary = new SummaryGeneratingListener();

        // LauncherFactory loads PrebuildTemplatesListener from META-INF/services, as in any real run.
        LauncherFactory.create().execute(request(null), summary, atClassStart);

        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
        assertThat(templateAtClassStart).containsExactly(true);
        assertThat(PrebuiltNotes.BUILT_BY).singleElement().asString().startsWith(TemplatePrebuild.THREAD_PREFIX);
    }

    @Test
    void switchedOff_nothingBuiltBeforehand() {
        TestPlan plan = LauncherFactory.create().discover(request("false"));

        new PrebuildTemplatesListener().testPlanExecutionStarted(plan);

        assertThat(SharedCluster.get().databaseExists(template)).isFalse();
    }

    @Test
    void invalidSetting_nothingBuilt_noFailure() {
        TestPlan plan = LauncherFactory.create().discover(request("perhaps"));

        new PrebuildTemplatesListener().testPlanExecutionStarted(plan);

        assertThat(SharedCluster.get().databaseExists(template)).isFalse();
    }

    private static LauncherDiscoveryRequest request(String prebuild) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(PrebuiltNotes.class));
        if (prebuild != null) {
            request.configurationParameter(AdapterSettings.PREBUILD_TEMPLATES, prebuild);
        }
        return request.build();
    }
}
