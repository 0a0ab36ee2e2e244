package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.spi.SPIClassIterator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link PluginsService} whose plugins are classes on the classpath, not bundles in {@code plugins/} and
 * {@code modules/} of a distribution (there is none here: the node runs from Maven jars). The idea of ES's own
 * test class {@code MockPluginsService}, which is not published to Maven Central.
 *
 * <p>It lives in ES's package because {@link LoadedPlugin}, {@link #plugins()} and the plugin loading
 * helpers are package-private.
 */
public final class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> plugins;

    public ClasspathPluginsService(Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(environment.settings(), environment.configDir(),
                PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false));
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Class<? extends Plugin> pluginClass : pluginClasses) {
            Plugin plugin = loadPlugin(pluginClass, environment.settings(), environment.configDir());
            loaded.add(new LoadedPlugin(descriptor(pluginClass), plugin, pluginClass.getClassLoader()));
        }
        this.plugins = List.copyOf(loaded);
    }

    private static PluginDescriptor descriptor(Class<? extends Plugin> pluginClass) {
        return new PluginDescriptor(pluginClass.getName(), "classpath plugin", "NA", Build.current().version(),
                Integer.toString(Runtime.version().feature()), pluginClass.getName(), null, List.of(),
                false, false, false, false);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return plugins;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(plugins.stream().map(p -> new PluginRuntimeInfo(p.descriptor())).toList(), List.of());
    }

    /**
     * Every provider listed under {@code META-INF/services} on the classpath, each instantiated once. The base class
     * asks each plugin's class loader, which in a distribution is the plugin's own; here all plugins share the
     * application class loader, so it would see the server's providers (its {@code FeatureSpecification}s, say)
     * once per plugin and fail on the duplicates.
     */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        Map<Class<? extends T>, T> providers = new LinkedHashMap<>();
        for (LoadedPlugin loaded : plugins) {
            Plugin plugin = loaded.instance();
            SPIClassIterator.get(service, loaded.classLoader()).forEachRemaining(provider -> {
                if (!providers.containsKey(provider) && constructibleFor(provider, plugin)) {
                    providers.put(provider, createExtension(provider, service, plugin));
                }
            });
        }
        return List.copyOf(providers.values());
    }

    /** A provider may take its plugin as the one constructor argument; then it belongs to that plugin only. */
    private static boolean constructibleFor(Class<?> provider, Plugin plugin) {
        return Arrays.stream(provider.getConstructors())
                .noneMatch(c -> c.getParameterCount() == 1 && c.getParameterTypes()[0] != plugin.getClass());
    }
}
