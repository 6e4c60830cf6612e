//! `mentor-bot teams-package`: the Teams app package (manifest.json + two icons) as a zip.
