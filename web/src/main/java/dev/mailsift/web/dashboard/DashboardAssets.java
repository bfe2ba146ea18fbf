package dev.mailsift.web.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's modules and styles. The modules import each other by plain names, so a new release cannot be
 * told apart by its URLs: browsers revalidate every file (a 304 when unchanged) rather than run a stale mix.
 */
@Configuration(proxyBeanMethods = false)
class DashboardAssets implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/dashboard/**")
                .addResourceLocations("classpath:/static/dashboard/")
                .setCacheControl(CacheControl.noCache());
    }
}
