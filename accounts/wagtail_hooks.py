from wagtail import hooks

from accounts import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return two_factor.urlpatterns
