@echo off
rem Faultline launcher for Windows: builds the app once when its jar is missing or older than the
rem sources, then runs it. Only a JDK 17+ is needed; Maven comes through the wrapper.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%app\target\faultline.jar"
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"

set "STALE=0"
if not exist "%JAR%" (
  set "STALE=1"
) else (
  for /f %%s in ('powershell -NoProfile -Command "$j=(Get-Item -LiteralPath '%JAR%').LastWriteTime; $n=Get-ChildItem -LiteralPath '%ROOT%' -Recurse -File | Where-Object { ($_.FullName -match '\\src\\main\\' -or $_.Name -eq 'pom.xml') -and $_.FullName -notmatch '\\.git\\' -and $_.LastWriteTime -gt $j } | Select-Object -First 1; if ($n) { 1 } else { 0 }"') do set "STALE=%%s"
)

if "%STALE%"=="1" (
  echo building Faultline... 1>&2
  pushd "%ROOT%"
  call "%ROOT%mvnw.cmd" -B -q -Dmaven.test.skip=true -pl app -am package > "%TEMP%\faultline-build.log" 2>&1
  if errorlevel 1 (
    type "%TEMP%\faultline-build.log" 1>&2
    popd
    echo faultline: the build failed ^(see above^). 1>&2
    exit /b 1
  )
  popd
  copy /b "%JAR%"+,, "%JAR%" >nul
)

"%JAVA%" %FAULTLINE_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
