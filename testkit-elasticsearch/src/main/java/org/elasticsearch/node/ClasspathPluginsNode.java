package org.elasticsearch.node;

import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

import java.util.Collection;
import java.util.List;

/**
 * A {@link Node} whose plugins are the given classes on the classpath (see {@link ClasspathPluginsService}).
 *
 * <p>It lives in ES's package because {@link NodeConstruction}, {@link NodeServiceProvider} and the
 * constructor {@code Node(NodeConstruction)} are package-private.
 */
public final class ClasspathPluginsNode extends Node {

    public ClasspathPluginsNode(Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(NodeConstruction.prepareConstruction(environment, null, new ClasspathServiceProvider(List.copyOf(pluginClasses)), true));
    }

    /**
     * Does nothing. The production listener puts the node and cluster ids into static fields for the log layout,
     * once per JVM (a {@code SetOnce}): a second node in the same JVM, or the same node after a restart, would
     * fail on it. ES's own test {@code MockNode} skips it for the same reason.
     */
    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
    }

    /** Replaces only the plugin service; every other service is the production one. */
    private static final class ClasspathServiceProvider extends NodeServiceProvider {

        private final List<Class<? extends Plugin>> pluginClasses;

        ClasspathServiceProvider(List<Class<? extends Plugin>> pluginClasses) {
            this.pluginClasses = pluginClasses;
        }

        /** The {@code pluginsLoader} is the {@code null} passed above: there are no plugin bundles to load. */
        @Override
        PluginsService newPluginService(Environment environment, PluginsLoader pluginsLoader) {
            return new ClasspathPluginsService(environment, pluginClasses);
        }
    }
}
