@echo off
rem Taskstream desktop monitor: builds what it needs (shared, server, app) and starts the app.
rem   taskstream-desktop                                       demo mode: embedded server with the demo graph
rem   taskstream-desktop --server http://host:8000 --token T   a running Taskstream server
rem Needs a JDK 21 or newer (JAVA_HOME, or java on the PATH). Arguments must not contain spaces or quotes
rem (Maven's javafx:run splits them at whitespace); pass a token as TASKSTREAM_TOKEN instead.
setlocal EnableExtensions EnableDelayedExpansion

if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
  set "WHERE=JAVA_HOME (%JAVA_HOME%)"
  if not exist "!JAVA!" (
    echo taskstream-desktop: JAVA_HOME is set to "%JAVA_HOME%", but there is no bin\java.exe in it. Point JAVA_HOME at a JDK 21 or newer. 1>&2
    exit /b 1
  )
) else (
  set "JAVA=java"
  set "WHERE=the java on your PATH"
  where java >nul 2>&1 || (
    echo taskstream-desktop: no Java found: install a JDK 21 or newer and set JAVA_HOME to it. 1>&2
    exit /b 1
  )
)

set "SPEC="
for /f "tokens=3" %%v in ('""!JAVA!" -XshowSettings:properties -version 2>&1 | findstr /c:"java.specification.version""') do set "SPEC=%%v"
if not defined SPEC (
  echo taskstream-desktop: cannot tell the version of !WHERE!. Taskstream needs a JDK 21 or newer. 1>&2
  exit /b 1
)
for /f "delims=." %%m in ("!SPEC!") do set "MAJOR=%%m"
if "!MAJOR!"=="1" set "MAJOR=8"
if !MAJOR! LSS 21 (
  echo taskstream-desktop: !WHERE! is Java !MAJOR!; Taskstream needs a JDK 21 or newer. Set JAVA_HOME to a JDK 21+. 1>&2
  exit /b 1
)

cd /d "%~dp0"
echo taskstream-desktop: building and starting the desktop app with Java !MAJOR!... 1>&2
call "%~dp0mvnw.cmd" -q -B -pl app -am -Pdesktop -Dmaven.test.skip=true "-Dapp.args=%*" verify
exit /b %ERRORLEVEL%
