#!/usr/bin/python3
"""A minimal WebKitGTK browser that WebKitWebDriver can drive and that keeps its data.

Why: Debian's MiniBrowser runs automation sessions on an ephemeral data store, so nothing
(IndexedDB, service workers, caches, cookies) survives a relaunch, and restart tests need that.
WebKitWebDriver starts this script as the "browser binary" (capability webkitgtk:browserOptions)
with WEBKIT_INSPECTOR_SERVER set in the environment; WebKit's WebContext reads that variable and
opens the remote-inspector socket the driver then talks to.

Usage: /usr/bin/python3 webkit-launcher.py --profile DIR
Data goes to DIR/data, caches to DIR/cache, downloads (a printed PDF) to DIR/downloads, without
asking. SIGTERM/SIGINT quit the GTK main loop normally
(the polite close); closing the last window does too.
"""
import argparse
import os
import signal
import sys

import gi

gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument('--profile', required=True)
    # WebKitWebDriver may append its own flags (e.g. --automation); they are not ours to reject.
    args, _unknown = parser.parse_known_args()

    profile = os.path.abspath(args.profile)
    data_dir = os.path.join(profile, 'data')
    cache_dir = os.path.join(profile, 'cache')
    os.makedirs(data_dir, exist_ok=True)
    os.makedirs(cache_dir, exist_ok=True)

    # A non-ephemeral data manager rooted in the profile: IndexedDB, localStorage, service worker
    # registrations and Cache Storage all live under data/ and so survive a relaunch.
    manager = WebKit2.WebsiteDataManager(base_data_directory=data_dir, base_cache_directory=cache_dir)
    context = WebKit2.WebContext(website_data_manager=manager)
    context.set_cache_model(WebKit2.CacheModel.WEB_BROWSER)
    context.get_cookie_manager().set_persistent_storage(
        os.path.join(data_dir, 'cookies.sqlite'), WebKit2.CookiePersistentStorage.SQLITE)
    # Only one WebContext per process may allow automation; this is it.
    context.set_automation_allowed(True)

    # Downloads (the app's PDFs) go into the profile, deleted with it, never into the home folder.
    downloads_dir = os.path.join(profile, 'downloads')

    def decide_destination(download: WebKit2.Download, suggested: str) -> bool:
        os.makedirs(downloads_dir, exist_ok=True)
        name = os.path.basename(suggested) or 'download'
        download.set_destination(GLib.filename_to_uri(os.path.join(downloads_dir, name), None))
        return True

    context.connect('download-started', lambda _context, download: download.connect('decide-destination', decide_destination))

    windows: set[Gtk.Window] = set()

    def on_window_destroy(window: Gtk.Window) -> None:
        windows.discard(window)
        if not windows:
            Gtk.main_quit()

    def new_view(_session: WebKit2.AutomationSession) -> WebKit2.WebView:
        # The driver only accepts views flagged as controlled by automation.
        view = WebKit2.WebView(web_context=context, is_controlled_by_automation=True)
        window = Gtk.Window()
        window.set_default_size(1280, 900)
        window.add(view)
        window.connect('destroy', on_window_destroy)
        # window.close() from script / the driver's "close window" arrive as the view's close signal.
        view.connect('close', lambda _v: window.destroy())
        windows.add(window)
        window.show_all()
        return view

    def on_automation_started(_context: WebKit2.WebContext, session: WebKit2.AutomationSession) -> None:
        info = WebKit2.ApplicationInfo()
        info.set_name('lifeboat-webkit')
        info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version())
        session.set_application_info(info)
        session.connect('create-web-view', new_view)

    context.connect('automation-started', on_automation_started)

    def quit_politely() -> bool:
        Gtk.main_quit()
        return GLib.SOURCE_REMOVE

    for signum in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, quit_politely)

    Gtk.main()
    for window in list(windows):
        window.destroy()
    return 0


if __name__ == '__main__':
    sys.exit(main())
